import {
  adaptedProblem,
  declineRate,
  isCalendarDate,
  isDateProblem,
  plannedProblem,
  resolvePeriod,
  responseDueProblem,
  yearBefore,
} from './alignment-rules';

const TODAY = '2026-03-10';

describe('alignment request dates', () => {
  it('knows a calendar date from a lookalike', () => {
    expect(['2026-03-10', '2024-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2025-02-29', '2026-02-30', '2026-13-01', '26-03-10', '2026-3-10'].map(isCalendarDate)).toEqual([false, false, false, false, false]);
  });

  it('wants an answer due today or later', () => {
    expect(responseDueProblem(TODAY, TODAY)).toBeNull();
    expect(responseDueProblem('2026-04-01', TODAY)).toBeNull();
    expect(responseDueProblem('2026-03-09', TODAY)).toEqual({ field: 'responseDueOn', message: expect.stringMatching(/must not be in the past \(today is 2026-03-10\)/) });
    expect(responseDueProblem('2026-02-30', TODAY)?.message).toMatch(/not a date in the calendar/);
  });

  it('plans an adaptation on or after the day of the agreement', () => {
    expect(plannedProblem(TODAY, TODAY)).toBeNull();
    expect(plannedProblem('2026-09-01', TODAY)).toBeNull();
    expect(plannedProblem('2026-03-09', TODAY)).toEqual({ field: 'plannedOn', message: expect.stringMatching(/before the day of the agreement/) });
  });

  it('records an adaptation between the agreement and today', () => {
    expect(adaptedProblem('2026-03-01', '2026-03-01', TODAY)).toBeNull();
    expect(adaptedProblem(TODAY, '2026-03-01', TODAY)).toBeNull();
    expect(adaptedProblem('2026-02-28', '2026-03-01', TODAY)).toEqual({
      field: 'adaptedOn',
      message: 'adaptedOn must not be before 2026-03-01, the day the request was agreed.',
    });
    expect(adaptedProblem('2026-03-11', '2026-03-01', TODAY)?.message).toMatch(/must not be in the future/);
  });
});

describe('the period of a decline rate', () => {
  it('defaults to the year up to today, and to the year before a given end', () => {
    expect(resolvePeriod({}, TODAY)).toEqual({ from: '2025-03-10', to: TODAY });
    expect(resolvePeriod({ to: '2025-12-31' }, TODAY)).toEqual({ from: '2024-12-31', to: '2025-12-31' });
    expect(resolvePeriod({ from: '2026-01-01' }, TODAY)).toEqual({ from: '2026-01-01', to: TODAY });
    expect(resolvePeriod({ from: '2026-01-01', to: '2026-01-01' }, TODAY)).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it('refuses an end before the start, and a day that is not in the calendar', () => {
    const backwards = resolvePeriod({ from: '2026-02-01', to: '2026-01-31' }, TODAY);
    expect(isDateProblem(backwards) && backwards).toEqual({ field: 'from', message: 'from (2026-02-01) must not be after to (2026-01-31).' });
    const future = resolvePeriod({ from: '2026-04-01' }, TODAY);
    expect(isDateProblem(future) && future.message).toMatch(/after to \(2026-03-10, today\)/);
    const invalid = resolvePeriod({ to: '2026-02-30' }, TODAY);
    expect(isDateProblem(invalid) && invalid.field).toBe('to');
  });

  it('goes back a year from 29 February to 28 February', () => {
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
    expect(yearBefore('2025-01-01')).toBe('2024-01-01');
  });
});

describe('decline rate', () => {
  it('is declined over answered, to three decimals, and empty with no answers', () => {
    expect(declineRate(0, 0)).toBeNull();
    expect(declineRate(0, 4)).toBe(0);
    expect(declineRate(3, 4)).toBe(0.75);
    expect(declineRate(2, 3)).toBe(0.667);
    expect(declineRate(5, 5)).toBe(1);
  });
});
