import { wilsonInterval } from './health-check-stats';
import { perceptionReading, perceptionSide, recordsShare } from './perception-gap';

const survey = (k: number, n: number) => ({ surveyShare: k / n, interval: wilsonInterval(k, n) });
const records = (flaggedProgrammes: number, programmes: number | null) => ({ flaggedProgrammes, programmes });

describe('perceptionSide', () => {
  it('records worse: few report the weakness while most programmes are flagged', () => {
    // 2 of 10 (interval 0.057–0.51) against 3 of 4 programmes flagged (0.75).
    expect(perceptionSide({ barrier: 'CONFLICT_RESOLUTION', ...survey(2, 10), ...records(3, 4) })).toBe('RECORDS_WORSE');
  });

  it('survey worse: many report the weakness while no programme is flagged', () => {
    expect(perceptionSide({ barrier: 'FLEXIBILITY', ...survey(8, 10), ...records(0, 5) })).toBe('SURVEY_WORSE');
  });

  it('a 2007-like answer beside records flagging half the programmes agrees (a score from flag weights read SURVEY_WORSE)', () => {
    // 47 % of 30 people, as in 2007; 2 of 4 programmes flagged. The old comparison, with the
    // records' shortfall (100 − 90) / 100 = 0.10 from a health score of 90, read SURVEY_WORSE.
    expect(perceptionSide({ barrier: 'FLEXIBILITY', ...survey(14, 30), ...records(2, 4) })).toBe('AGREE');
  });

  it('agree when the records lie inside the interval', () => {
    // 2 of 10: interval reaches 0.51; 2 of 5 programmes (0.40) is inside it although 20 points away.
    expect(perceptionSide({ barrier: 'ROLE_FIT', ...survey(2, 10), ...records(2, 5) })).toBe('AGREE');
  });

  it('agree when outside a narrow interval but less than the margin apart', () => {
    // 300 of 1000: interval 0.272–0.329; 7 of 20 programmes (0.35) is outside it but only 5 points away.
    expect(perceptionSide({ barrier: 'ROLE_FIT', ...survey(300, 1000), ...records(7, 20) })).toBe('AGREE');
  });

  it('no comparison without answers, without programmes or without a scan', () => {
    expect(perceptionSide({ barrier: 'ROLE_FIT', ...survey(1, 4), ...records(0, null) })).toBe('NO_COMPARISON');
    expect(perceptionSide({ barrier: 'ROLE_FIT', surveyShare: null, interval: null, ...records(1, 2) })).toBe('NO_COMPARISON');
    expect(perceptionSide({ barrier: 'ROLE_FIT', ...survey(1, 4), ...records(0, 0) })).toBe('NO_COMPARISON');
    expect(recordsShare(records(0, 0))).toBeNull();
    expect(recordsShare(records(1, 4))).toBe(0.25);
  });
});

describe('perceptionReading', () => {
  it('says which side looks worse, with both shares on the same scale', () => {
    const reading = perceptionReading({ barrier: 'CONFLICT_RESOLUTION', ...survey(2, 10), ...records(3, 4) });
    expect(reading).toContain('conflict processes');
    expect(reading).toContain('20 % report the weakness');
    expect(reading).toContain('3 of 4 programmes (75 %) had an open flag about it');
    expect(reading).toContain('The records look worse');
  });

  it('explains when there is nothing to compare', () => {
    expect(perceptionReading({ barrier: 'LEADERSHIP', ...survey(1, 4), ...records(0, 0) })).toMatch(/No programme/);
    expect(perceptionReading({ barrier: 'LEADERSHIP', ...survey(1, 4), ...records(0, null) })).toMatch(/No governance scan/);
    expect(perceptionReading({ barrier: 'LEADERSHIP', surveyShare: null, interval: null, ...records(1, 1) })).toMatch(/No answers/);
  });
});
