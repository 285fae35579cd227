import { CascadeLevel, acknowledgementRate, cascadeCounts, isCalendarDate, periodProblem, summarise } from './briefing-rules';

describe('acknowledgementRate', () => {
  it('is the share of recipients that acknowledged, rounded to 3 places', () => {
    expect(acknowledgementRate(4, 3)).toBe(0.75);
    expect(acknowledgementRate(3, 1)).toBe(0.333);
    expect(acknowledgementRate(3, 2)).toBe(0.667);
  });

  it('is 0 when nobody acknowledged and 1 when everybody did', () => {
    expect(acknowledgementRate(5, 0)).toBe(0);
    expect(acknowledgementRate(5, 5)).toBe(1);
  });

  it('is null when nothing was sent: there is no rate to judge', () => {
    expect(acknowledgementRate(0, 0)).toBeNull();
  });

  it('refuses counts that cannot be', () => {
    expect(() => acknowledgementRate(2, 3)).toThrow(/More acknowledged/);
    expect(() => acknowledgementRate(-1, 0)).toThrow(/whole numbers/);
    expect(() => acknowledgementRate(1.5, 1)).toThrow(/whole numbers/);
  });
});

describe('cascadeCounts', () => {
  it('lists every level, narrowest first, with 0 for levels nobody reached', () => {
    expect(cascadeCounts({ [CascadeLevel.FRONT_LINE]: 2, [CascadeLevel.LEADERSHIP_ONLY]: 1 })).toEqual([
      { cascade: 'LEADERSHIP_ONLY', count: 1 },
      { cascade: 'MANAGERS', count: 0 },
      { cascade: 'FRONT_LINE', count: 2 },
      { cascade: 'WHOLE_ORGANISATION', count: 0 },
    ]);
  });
});

describe('summarise', () => {
  it('adds pending and the rate to the counts', () => {
    expect(summarise(5, 2, { [CascadeLevel.MANAGERS]: 2 })).toEqual({
      recipients: 5,
      acknowledged: 2,
      pending: 3,
      rate: 0.4,
      byCascade: [
        { cascade: 'LEADERSHIP_ONLY', count: 0 },
        { cascade: 'MANAGERS', count: 2 },
        { cascade: 'FRONT_LINE', count: 0 },
        { cascade: 'WHOLE_ORGANISATION', count: 0 },
      ],
    });
  });
});

describe('periods', () => {
  it('knows real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });

  it('accepts a period of one day or more, and names the field that is wrong', () => {
    expect(periodProblem('2025-01-01', '2025-01-01')).toBeNull();
    expect(periodProblem('2025-01-01', '2025-03-31')).toBeNull();
    expect(periodProblem('2025-03-31', '2025-01-01')).toEqual({ message: 'to must not be before from.', field: 'to' });
    expect(periodProblem('2025-02-30', '2025-03-01')?.field).toBe('from');
    expect(periodProblem('2025-01-01', 'soon')?.field).toBe('to');
  });
});
