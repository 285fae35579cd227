import { wilsonInterval } from './health-check-stats';
import { perceptionReading, perceptionSide } from './perception-gap';

const survey = (k: number, n: number) => ({ surveyShare: k / n, interval: wilsonInterval(k, n) });

describe('perceptionSide', () => {
  it('records worse: few report the weakness while the score is low', () => {
    // 2 of 10 (interval 0.057–0.51) against a shortfall of 0.60 (score 40).
    expect(perceptionSide({ barrier: 'CONFLICT_RESOLUTION', ...survey(2, 10), healthScore: 40, openFlags: 3 })).toBe('RECORDS_WORSE');
  });

  it('survey worse: many report the weakness while the records are clean', () => {
    expect(perceptionSide({ barrier: 'FLEXIBILITY', ...survey(8, 10), healthScore: 100, openFlags: 0 })).toBe('SURVEY_WORSE');
  });

  it('agree when the shortfall lies inside the interval', () => {
    // 2 of 10: interval reaches 0.51; shortfall 0.45 (score 55) is inside it although 25 points away.
    expect(perceptionSide({ barrier: 'ROLE_FIT', ...survey(2, 10), healthScore: 55, openFlags: 1 })).toBe('AGREE');
  });

  it('agree when outside a narrow interval but less than the margin apart', () => {
    // 300 of 1000: interval 0.272–0.329; shortfall 0.35 is outside it but only 5 points away.
    expect(perceptionSide({ barrier: 'ROLE_FIT', ...survey(300, 1000), healthScore: 65, openFlags: 1 })).toBe('AGREE');
  });

  it('no comparison without answers or without a scan', () => {
    expect(perceptionSide({ barrier: 'ROLE_FIT', surveyShare: null, interval: null, healthScore: 50, openFlags: 0 })).toBe('NO_COMPARISON');
    expect(perceptionSide({ barrier: 'ROLE_FIT', ...survey(1, 4), healthScore: null, openFlags: 0 })).toBe('NO_COMPARISON');
  });
});

describe('perceptionReading', () => {
  it('says which side looks worse, with the share, the score and the flags', () => {
    const reading = perceptionReading({ barrier: 'CONFLICT_RESOLUTION', ...survey(2, 10), healthScore: 40, openFlags: 3 });
    expect(reading).toContain('conflict processes');
    expect(reading).toContain('20 % report the weakness');
    expect(reading).toContain('the records score 40, with 3 open flags');
    expect(reading).toContain('The records look worse');
  });

  it('explains when there is nothing to compare', () => {
    expect(perceptionReading({ barrier: 'LEADERSHIP', ...survey(1, 4), healthScore: null, openFlags: 0 })).toMatch(/No governance scan/);
    expect(perceptionReading({ barrier: 'LEADERSHIP', surveyShare: null, interval: null, healthScore: 80, openFlags: 1 })).toMatch(
      /No answers/,
    );
  });
});
