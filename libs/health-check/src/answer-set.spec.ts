import { GivenAnswer, StatementRef, answerSetProblem } from './answer-set';
import { SurveyAnswer } from './survey-answer';

const statements: StatementRef[] = [
  { id: 'a0000000-0000-4000-8000-000000000001', position: 1, text: 'My organisation adapts.' },
  { id: 'a0000000-0000-4000-8000-000000000002', position: 2, text: 'Our people gain as much recognition for succeeding in partnerships as they would for internal projects.' },
  { id: 'a0000000-0000-4000-8000-000000000003', position: 3, text: 'Partnership activities are widely understood.' },
];
const all = (answer = SurveyAnswer.AGREE): GivenAnswer[] => statements.map((s) => ({ statementId: s.id, answer }));

describe('answerSetProblem', () => {
  it('accepts one answer per statement, in any order and letter case', () => {
    expect(answerSetProblem(statements, all())).toBeNull();
    expect(answerSetProblem(statements, all().reverse().map((a) => ({ ...a, statementId: a.statementId.toUpperCase() })))).toBeNull();
  });

  it('names a missing statement, the first by position', () => {
    const problem = answerSetProblem(statements, [all()[2]]);
    expect(problem).toEqual({
      field: 'answers',
      message: expect.stringMatching(/^Statement 1 \("My organisation adapts\."\) has no answer/),
    });
  });

  it('names a repeated statement, shortening a long text', () => {
    const problem = answerSetProblem(statements, [...all(), all()[1]]);
    expect(problem?.field).toBe('answers.3.statementId');
    expect(problem?.message).toMatch(/^Statement 2 \("Our people gain as much recognition .*…"\) is answered more than once\.$/);
  });

  it('names an unknown statement', () => {
    const stray = 'b0000000-0000-4000-8000-000000000009';
    const problem = answerSetProblem(statements, [...all().slice(0, 2), { statementId: stray, answer: SurveyAnswer.DISAGREE }]);
    expect(problem).toEqual({ field: 'answers.2.statementId', message: `There is no statement ${stray} in this health check.` });
  });
});
