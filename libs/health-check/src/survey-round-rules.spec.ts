import { CLOSES_BEFORE_OPENING, closingProblem, isRealDate, openingProblem } from './survey-round-rules';
import { SurveyRoundStatus } from './survey-round-status';

describe('round dates', () => {
  const today = '2026-03-10';

  it('accepts a round that opens and closes today, or later', () => {
    expect(openingProblem(today, today, today)).toBeNull();
    expect(openingProblem('2026-03-01', '2026-03-31', today)).toBeNull();
    expect(openingProblem('2026-04-01', '2026-04-30', today)).toBeNull();
  });

  it('refuses a round that closes before it opens', () => {
    expect(openingProblem('2026-04-02', '2026-04-01', today)).toEqual({ field: 'closesOn', message: CLOSES_BEFORE_OPENING });
  });

  it('refuses a round that closed yesterday', () => {
    expect(openingProblem('2026-03-01', '2026-03-09', today)?.field).toBe('closesOn');
    expect(openingProblem('2026-03-01', '2026-03-09', today)?.message).toMatch(/in the past/);
  });

  it('refuses days that are not in the calendar', () => {
    expect(isRealDate('2026-02-28')).toBe(true);
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-04-31')).toBe(false);
    expect(openingProblem('2026-02-30', '2026-04-01', today)?.field).toBe('opensOn');
  });

  it('closes only an open round, also one due to close today', () => {
    expect(closingProblem(SurveyRoundStatus.OPEN, '2026-03-31')).toBeNull();
    expect(closingProblem(SurveyRoundStatus.OPEN, today)).toBeNull();
    expect(closingProblem(SurveyRoundStatus.SCHEDULED, '2026-04-30')).toBe(CLOSES_BEFORE_OPENING);
    expect(closingProblem(SurveyRoundStatus.CLOSED, '2026-03-01')).toMatch(/already closed: it closed on 2026-03-01/);
  });
});
