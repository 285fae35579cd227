import { digestWeekDue, isoWeekOf } from './iso-week';

describe('ISO weeks of the digest', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeekOf(new Date('2026-12-05T21:00:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });

  it('is due from Monday 07:00 UTC to the end of Sunday, the same week throughout', () => {
    expect(digestWeekDue(new Date('2026-12-07T06:59:59Z'))).toBeUndefined();
    expect(digestWeekDue(new Date('2026-12-07T07:00:00Z'))).toBe('2026-W50');
    expect(digestWeekDue(new Date('2026-12-13T23:59:59Z'))).toBe('2026-W50');
  });
});
