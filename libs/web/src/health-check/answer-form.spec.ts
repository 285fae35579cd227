import { parseAnswerForm } from './answer-form';

const A = '11111111-1111-1111-1111-111111111111';
const B = '22222222-2222-2222-2222-222222222222';

describe('parseAnswerForm', () => {
  it('gives the API input for a complete form, with empty comments as none', () => {
    const parsed = parseAnswerForm({ statementIds: `${A},${B}`, [`answer-${A}`]: 'AGREE', [`answer-${B}`]: 'DONT_KNOW', [`comment-${A}`]: '  fine  ' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.answers).toEqual([
      { statementId: A, answer: 'AGREE', comment: 'fine' },
      { statementId: B, answer: 'DONT_KNOW', comment: null },
    ]);
  });

  it('says how to fix each missing answer and each overlong comment, linked to its field', () => {
    const parsed = parseAnswerForm({ statementIds: `${A},${B}`, [`answer-${A}`]: 'MAYBE', [`answer-${B}`]: 'AGREE', [`comment-${B}`]: 'x'.repeat(2001) });
    expect(parsed.errors).toEqual([
      { href: `#answer-${A}`, text: `Select an answer to statement 1, or "Don't know"` },
      { href: `#comment-${B}`, text: 'Your comment on statement 2 must be 2000 characters or fewer' },
    ]);
    expect(parsed.values.answers[A]).toBe('MAYBE');
  });

  it('reads only statement ids that look like ids, and refuses a form without any', () => {
    expect(parseAnswerForm({ statementIds: 'x,<script>' }).errors).toHaveLength(1);
    expect(parseAnswerForm({ statementIds: ['a'] }).errors).toHaveLength(1);
  });
});
