import {
  RecognitionVisibility,
  givenFields,
  isCalendarDate,
  milestoneTiming,
  periodProblem,
  visibilityFlags,
  visibilityList,
} from './recognition.rules';

describe('milestoneTiming', () => {
  it('is not overdue before or on its due date', () => {
    expect(milestoneTiming('2025-06-30', null, '2025-06-01')).toEqual({ overdue: false, daysOverdue: 0 });
    expect(milestoneTiming('2025-06-30', null, '2025-06-30')).toEqual({ overdue: false, daysOverdue: 0 });
  });

  it('is overdue the day after its due date while not achieved, counting days to today', () => {
    expect(milestoneTiming('2025-06-30', null, '2025-07-01')).toEqual({ overdue: true, daysOverdue: 1 });
    expect(milestoneTiming('2024-02-28', null, '2024-03-01')).toEqual({ overdue: true, daysOverdue: 2 });
  });

  it('is never overdue once achieved, but keeps how late it was achieved', () => {
    expect(milestoneTiming('2025-06-30', '2025-07-05', '2025-09-01')).toEqual({ overdue: false, daysOverdue: 5 });
    expect(milestoneTiming('2025-06-30', '2025-06-01', '2025-09-01')).toEqual({ overdue: false, daysOverdue: 0 });
  });

  it('refuses dates that are not in the calendar', () => {
    expect(() => milestoneTiming('2025-02-30', null, '2025-03-01')).toThrow(/2025-02-30/);
  });
});

describe('visibility', () => {
  it('maps places to one flag each and back, in a fixed order', () => {
    const flags = visibilityFlags([RecognitionVisibility.PUBLIC, RecognitionVisibility.OWN_ORGANISATION]);
    expect(flags).toEqual({ partnershipBoard: false, ownOrganisation: true, publicly: true });
    expect(visibilityList(flags)).toEqual([RecognitionVisibility.OWN_ORGANISATION, RecognitionVisibility.PUBLIC]);
    expect(visibilityList(visibilityFlags(Object.values(RecognitionVisibility)))).toEqual([
      RecognitionVisibility.PARTNERSHIP_BOARD,
      RecognitionVisibility.OWN_ORGANISATION,
      RecognitionVisibility.PUBLIC,
    ]);
  });
});

describe('periodProblem', () => {
  it('accepts a period of one day or more', () => {
    expect(periodProblem('2025-01-01', '2025-01-01')).toBeNull();
    expect(periodProblem('2025-01-01', '2025-12-31')).toBeNull();
  });

  it('names the field that is wrong', () => {
    expect(periodProblem('2025-02-30', '2025-03-01')?.field).toBe('from');
    expect(periodProblem('2025-01-01', '2025-13-01')?.field).toBe('to');
    expect(periodProblem('2025-02-01', '2025-01-31')).toEqual({ message: 'to must not be before from.', field: 'to' });
  });
});

describe('helpers', () => {
  it('isCalendarDate knows leap years', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-2-1')).toBe(false);
  });

  it('givenFields lists the fields that are neither missing nor null', () => {
    expect(givenFields({ a: 'x', b: null }, ['a', 'b'] as const)).toEqual(['a']);
    expect(givenFields({}, ['a', 'b'] as const)).toEqual([]);
  });
});
