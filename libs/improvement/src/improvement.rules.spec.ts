import {
  MeasureDirection as D,
  TrendMovement as M,
  daysBetween,
  isCalendarDate,
  metTarget,
  trendOf,
} from './improvement.rules';

describe('metTarget', () => {
  it('higher is better: met at or above the target', () => {
    expect(metTarget(D.HIGHER_IS_BETTER, 80, 81)).toBe(true);
    expect(metTarget(D.HIGHER_IS_BETTER, 80, 80)).toBe(true);
    expect(metTarget(D.HIGHER_IS_BETTER, 80, 79.9)).toBe(false);
  });

  it('lower is better: met at or below the target', () => {
    expect(metTarget(D.LOWER_IS_BETTER, 14, 10)).toBe(true);
    expect(metTarget(D.LOWER_IS_BETTER, 14, 14)).toBe(true);
    expect(metTarget(D.LOWER_IS_BETTER, 14, 14.5)).toBe(false);
  });

  it('works with negative and fractional targets', () => {
    expect(metTarget(D.LOWER_IS_BETTER, -2.5, -3)).toBe(true);
    expect(metTarget(D.HIGHER_IS_BETTER, 0.1, 0.1)).toBe(true);
  });
});

describe('calendar dates', () => {
  it('counts days across months, leap days and years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2025-01-10', '2025-01-01')).toBe(-9);
  });

  it('knows real dates from look-alikes', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-04-31')).toBe(false);
    expect(isCalendarDate('2025-4-1')).toBe(false);
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(/calendar date/);
  });
});

describe('trendOf', () => {
  const points = (direction: D, target: number, values: number[]) =>
    values.map((value) => ({ value, met: metTarget(direction, target, value) }));

  it('has no movement with fewer than two values', () => {
    expect(trendOf(D.HIGHER_IS_BETTER, [])).toEqual({ metCount: 0, missedCount: 0, movement: M.NOT_ENOUGH_DATA });
    expect(trendOf(D.HIGHER_IS_BETTER, points(D.HIGHER_IS_BETTER, 5, [6]))).toEqual({
      metCount: 1,
      missedCount: 0,
      movement: M.NOT_ENOUGH_DATA,
    });
  });

  it('higher is better: rising improves, falling worsens', () => {
    expect(trendOf(D.HIGHER_IS_BETTER, points(D.HIGHER_IS_BETTER, 70, [50, 60, 72]))).toEqual({
      metCount: 1,
      missedCount: 2,
      movement: M.IMPROVING,
    });
    expect(trendOf(D.HIGHER_IS_BETTER, points(D.HIGHER_IS_BETTER, 70, [80, 75, 71, 65])).movement).toBe(M.WORSENING);
  });

  it('lower is better: falling improves, rising worsens; equal is steady', () => {
    expect(trendOf(D.LOWER_IS_BETTER, points(D.LOWER_IS_BETTER, 14, [20, 16, 12])).movement).toBe(M.IMPROVING);
    expect(trendOf(D.LOWER_IS_BETTER, points(D.LOWER_IS_BETTER, 14, [12, 18])).movement).toBe(M.WORSENING);
    expect(trendOf(D.LOWER_IS_BETTER, points(D.LOWER_IS_BETTER, 14, [18, 12, 12]))).toEqual({
      metCount: 2,
      missedCount: 1,
      movement: M.STEADY,
    });
  });
});
