import {
  RecognitionVisibility,
  givenFields,
  isCalendarDate,
  periodProblem,
  visibilityFlags,
  visibilityList,
} from './recognition.rules';

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
