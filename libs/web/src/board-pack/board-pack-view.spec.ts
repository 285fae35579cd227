import type { WebBoardPackQuery } from '../graphql/generated';
import { asOfOf, barrierFlags, changeTotals, clip, daysOverdue, programmeRow, programmeRows, sinceOf } from './board-pack-view';

type Programme = WebBoardPackQuery['locality']['programmes'][number];

const HEALTH = { takenAt: '2026-12-05T03:00:00.000Z', overall: 90, openFlags: 3, flexibility: 100, recognition: 100, communication: 100, conflictResolution: 90, roleFit: 100, leadership: 80, continuousImprovement: 90 };

function pack(overrides: Partial<WebBoardPackQuery> = {}): WebBoardPackQuery {
  return {
    locality: { id: 'l', name: 'Sunderland', code: 'E08000024', governanceHealth: HEALTH, governanceFlagCounts: { high: 1, medium: 2, low: 0 }, programmes: [] },
    healthTrend: [],
    openFlags: {
      nodes: [
        { id: 'b', barrier: 'LEADERSHIP', severity: 'MEDIUM', message: 'No leader', firstRaisedAt: '2026-12-01T03:00:00Z', programme: { name: 'Ageing' } },
        { id: 'a', barrier: 'LEADERSHIP', severity: 'HIGH', message: 'Opposed', firstRaisedAt: '2026-10-05T03:00:00Z', programme: null },
        { id: 'c', barrier: 'LEADERSHIP', severity: 'LOW', message: 'Third', firstRaisedAt: '2026-12-04T03:00:00Z', programme: null },
        { id: 'd', barrier: 'ROLE_FIT', severity: 'HIGH', message: 'Default', firstRaisedAt: '2026-12-05T03:00:00Z', programme: null },
      ],
      pageInfo: { hasNextPage: false },
    },
    raisedFlags: {
      nodes: [
        { id: 'd', barrier: 'ROLE_FIT', firstRaisedAt: '2026-12-05T03:00:00Z' },
        { id: 'b', barrier: 'LEADERSHIP', firstRaisedAt: '2026-12-01T00:00:00Z' },
        { id: 'x', barrier: 'LEADERSHIP', firstRaisedAt: '2026-11-30T23:59:59Z' },
      ],
      pageInfo: { hasNextPage: false },
    },
    resolvedFlags: {
      nodes: [
        { id: 'y', barrier: 'FLEXIBILITY', resolvedAt: '2026-12-02T03:00:00Z' },
        { id: 'z', barrier: 'FLEXIBILITY', resolvedAt: '2026-11-02T03:00:00Z' },
      ],
      pageInfo: { hasNextPage: true },
    },
    latestHealthCheckResults: null,
    ...overrides,
  } as WebBoardPackQuery;
}

const programme = (overrides: Partial<Programme> = {}): Programme =>
  ({
    id: 'p',
    name: 'Healthy Ageing',
    status: 'ACTIVE',
    governanceHealth: { overall: 80 },
    leader: { agreedAt: '2025-01-01T00:00:00Z', reconfirmBy: '2026-12-01', person: { fullName: 'Ann Lee' } },
    nextReview: { dueOn: '2026-12-06' },
    completedReviews: [{ completedOn: '2026-09-01', effectivenessRating: 4, efficiencyRating: 3 }],
    openActions: [{ id: 'x', description: 'Agree a shared form', dueOn: '2026-11-25', owner: { fullName: 'Bo Chen' } }],
    milestones: [
      { id: 'm1', name: 'Launch', dueOn: '2026-11-05', achieved: false },
      { id: 'm2', name: 'Done', dueOn: '2026-10-01', achieved: true },
    ],
    ...overrides,
  }) as Programme;

describe('board pack view', () => {
  const asOf = new Date(HEALTH.takenAt);

  it('is as of the latest scan, else now; changes count from the start of that month', () => {
    expect(asOfOf(pack(), new Date('2027-01-01T00:00:00Z'))).toEqual(asOf);
    const now = new Date('2027-01-09T10:00:00Z');
    expect(asOfOf(pack({ locality: { ...pack().locality, governanceHealth: null } }), now)).toEqual(now);
    expect(sinceOf(asOf).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(sinceOf(new Date('2027-01-01T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('counts open flags by barrier with the oldest first and their age at the scan, and what was raised and resolved since', () => {
    const rows = barrierFlags(pack(), asOf, sinceOf(asOf));
    expect(rows.map((r) => r.code)).toEqual(['FLEXIBILITY', 'RECOGNITION', 'COMMUNICATION', 'CONFLICT_RESOLUTION', 'ROLE_FIT', 'LEADERSHIP', 'CONTINUOUS_IMPROVEMENT']);
    const leadership = rows.find((r) => r.code === 'LEADERSHIP')!;
    expect(leadership).toMatchObject({ open: 3, oldestDays: 61, raised: 1, resolved: 0, more: 1 });
    expect(leadership.flags).toEqual([
      { severity: 'High', message: 'Opposed', ageDays: 61, programme: null },
      { severity: 'Medium', message: 'No leader', ageDays: 4, programme: 'Ageing' },
    ]);
    expect(rows.find((r) => r.code === 'FLEXIBILITY')).toMatchObject({ open: 0, raised: 0, resolved: 1 });
    expect(changeTotals(pack(), rows)).toEqual({ raised: 2, resolved: 1, open: 4, openCut: false, changesCut: true });
  });

  it('lists what is overdue on the as-of day, longest first, and the leader and last review', () => {
    const row = programmeRow(programme(), asOf);
    expect(row).toMatchObject({ leader: 'Ann Lee', reconfirmBy: '2026-12-01', nextReviewOn: '2026-12-06', lastReview: { completedOn: '2026-09-01', effectiveness: 4, efficiency: 3 } });
    expect(row.overdue).toEqual([
      { text: 'Milestone: Launch', days: 30 },
      { text: 'Action: Agree a shared form (Bo Chen)', days: 10 },
    ]);
    expect(row.moreOverdue).toBe(1);
    expect(programmeRow(programme({ leader: null, nextReview: null, completedReviews: [], openActions: [], milestones: [] }), asOf)).toMatchObject({ leader: null, overdue: [], moreOverdue: 0, lastReview: null });
    expect(daysOverdue('2026-12-05', asOf)).toBe(0);
    expect(daysOverdue('2026-12-04', asOf)).toBe(1);
  });

  it('lists active programmes first and at most 6', () => {
    const many = Array.from({ length: 10 }, (_, i) => programme({ id: `p${i}`, name: `P${i}`, status: i === 9 ? 'ACTIVE' : 'CLOSED' }));
    const { rows, more } = programmeRows(pack({ locality: { ...pack().locality, programmes: many } }), asOf);
    expect(rows.map((r) => r.name)).toEqual(['P9', 'P0', 'P1', 'P2', 'P3', 'P4']);
    expect(more).toBe(4);
  });

  it('cuts a long line at a word', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('one two three four five', 12)).toBe('one two…');
  });
});
