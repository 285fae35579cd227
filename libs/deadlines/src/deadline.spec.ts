import { dayOffset, DeadlineKind, windowAround } from './deadline';
import { DEADLINE_SOURCES, DEADLINES_SQL } from './deadline-catalogue';

describe('deadline windows', () => {
  it('counts whole UTC days either side of now', () => {
    const now = new Date('2026-12-31T23:30:00Z');
    expect(windowAround(now, 90, 365)).toEqual({ from: '2026-10-02', to: '2027-12-31' });
    expect(dayOffset(now, 1)).toBe('2027-01-01');
  });
});

describe('the deadline catalogue', () => {
  it('describes every kind exactly once', () => {
    expect(DEADLINE_SOURCES.map((source) => source.kind).sort()).toEqual(Object.values(DeadlineKind).sort());
  });

  it('reads all kinds in one bounded statement', () => {
    for (const kind of Object.values(DeadlineKind)) expect(DEADLINES_SQL).toContain(`'${kind}'::text`);
    expect(DEADLINES_SQL).toMatch(/order by d.due_on, d.id, d.user_id\s+limit \$4\s*$/);
  });
});
