import { responsesCsv } from './results-csv';
import { SurveyAnswer as A } from './survey-answer';

const statements = [
  { id: 's2', position: 2, barrier: 'RECOGNITION' },
  { id: 's1', position: 1, barrier: 'FLEXIBILITY' },
  { id: 's3', position: 3, barrier: null },
];
const response = (sector: string, answers: [A, string | null][]) => ({
  sector,
  answers: new Map(answers.map(([answer, comment], i) => [`s${i + 1}`, { answer, comment }])),
});

describe('responsesCsv', () => {
  it('has a header of sector then each statement and its comment in position order, CRLF line ends', () => {
    const csv = responsesCsv(statements, []);
    expect(csv).toBe('sector,FLEXIBILITY,FLEXIBILITY_comment,RECOGNITION,RECOGNITION_comment,Q3,Q3_comment\r\n');
  });

  it('orders rows by sector, then by the answers on the scale, then by comments; never as given', () => {
    const csv = responsesCsv(statements, [
      response('POLICE', [[A.AGREE, null], [A.AGREE, null], [A.AGREE, null]]),
      response('HEALTH', [[A.DONT_KNOW, null], [A.AGREE, 'fine, mostly'], [A.AGREE, null]]),
      response('HEALTH', [[A.STRONGLY_DISAGREE, 'no'], [A.AGREE, null], [A.NEUTRAL, null]]),
      response('HEALTH', [[A.STRONGLY_DISAGREE, 'a "big" no'], [A.AGREE, null], [A.NEUTRAL, null]]),
    ]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual([
      'HEALTH,STRONGLY_DISAGREE,"a ""big"" no",AGREE,,NEUTRAL,',
      'HEALTH,STRONGLY_DISAGREE,no,AGREE,,NEUTRAL,',
      'HEALTH,DONT_KNOW,,AGREE,"fine, mostly",AGREE,',
      'POLICE,AGREE,,AGREE,,AGREE,',
    ]);
  });
});
