import { HealthScores } from './health-barriers';
import { Flag, changeText, dayFrom, flagGroups, monthEnds, overviewRow, scoreRows } from './health-view';

const point = (takenAt: string, overall: number): HealthScores => ({
  takenAt, overall, openFlags: 0, flexibility: overall, recognition: 1, communication: 2, conflictResolution: 3, roleFit: 4, leadership: 5, continuousImprovement: 6,
});
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('health page views', () => {
  it('says the change of a score in words', () => {
    expect([changeText(70, 65), changeText(60, 65), changeText(65, 65), changeText(65, null), changeText(undefined, 5)]).toEqual([
      '+5', '−5', 'No change', '–', '–',
    ]);
    expect(dayFrom(new Date('2026-03-31T12:00:00Z'), -30)).toBe('2026-03-01');
  });

  it('reads a locality row with its change over 30 days and its flags, none when the API gives none', () => {
    const row = overviewRow({ id: id(1), name: 'A', code: 'E1', governanceHealth: { takenAt: '2026-03-01', overall: 80 }, governanceHealthAsOf: { overall: 72 }, governanceFlagCounts: null });
    expect(row).toMatchObject({ overall: 80, change: '+8', flags: { high: 0, medium: 0, low: 0 } });
    expect(overviewRow({ ...row, governanceHealth: null, governanceHealthAsOf: null }).change).toBe('–');
  });

  it('keeps the last snapshot of each month, the latest twelve, oldest first', () => {
    const points = [point('2026-01-05T00:00:00Z', 1), point('2026-01-20T00:00:00Z', 2), point('2026-02-01T00:00:00Z', 3)];
    expect(monthEnds(points).map((p) => p.overall)).toEqual([2, 3]);
    const year = Array.from({ length: 15 }, (_, i) => point(`${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-10T00:00:00Z`, i));
    expect(monthEnds(year.reverse()).map((p) => p.overall)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('lists the seven scores in the barriers’ order', () => {
    expect(scoreRows(point('2026-01-01T00:00:00Z', 90)).map((r) => `${r.label} ${r.score}`)).toEqual([
      'Flexibility 90', 'Recognition 1', 'Communication 2', 'Conflict resolution 3', 'Role fit 4', 'Leadership 5', 'Continuous improvement 6',
    ]);
  });

  it('groups flags by barrier in the barriers’ order, with age, severity tag, flag link and evidence links', () => {
    const flag = (n: number, barrier: Flag['barrier'], severity: Flag['severity'], evidenceRecords: Flag['evidenceRecords']): Flag => ({
      id: id(n), barrier, severity, message: `Flag ${n}`, firstRaisedAt: '2026-03-01T10:00:00Z', evidenceRecords, programme: null,
    });
    const groups = flagGroups(
      [flag(1, 'LEADERSHIP', 'HIGH', [
        { type: 'PROGRAMME', id: id(9), role: 'programmeId' },
        { type: 'PERSON', id: id(8), role: 'personId' },
      ]), flag(2, 'FLEXIBILITY', 'LOW', []), flag(3, 'LEADERSHIP', 'MEDIUM', [])],
      new Date('2026-03-11T09:00:00Z'),
      id(9),
    );
    expect(groups.map((g) => [g.label, g.flags.map((f) => f.message)])).toEqual([
      ['Flexibility', ['Flag 2']],
      ['Leadership', ['Flag 1', 'Flag 3']],
    ]);
    expect(groups[1].flags[0]).toMatchObject({
      href: `/flags/${id(1)}`,
      severity: { text: 'High', tag: 'govuk-tag--red' },
      ageDays: 9,
      evidence: [{ type: 'PERSON', id: id(8), href: `/records/people/${id(8)}`, text: 'Person' }],
    });
  });
});
