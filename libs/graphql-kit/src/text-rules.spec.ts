import { MAX_TEXT_LENGTH, textProblem, textProblemMessage } from './text-rules';

describe('textProblem', () => {
  it('accepts ordinary text, accents and characters outside the BMP (surrogate pairs)', () => {
    for (const text of ['', 'Gateshead Council', 'Café Ñandú', 'emoji \ud83d\ude00 ok', 'x'.repeat(MAX_TEXT_LENGTH)]) {
      expect(textProblem(text)).toBeUndefined();
    }
  });

  it('refuses NUL anywhere', () => {
    expect(textProblem('\u0000')).toBe('not-allowed-character');
    expect(textProblem('name\u0000')).toBe('not-allowed-character');
  });

  it('refuses a lone high or low surrogate (what JSON "\\ud800" decodes to)', () => {
    expect(textProblem(JSON.parse('"a\\ud800"'))).toBe('not-allowed-character');
    expect(textProblem('\udc00b')).toBe('not-allowed-character');
    expect(textProblem('\ude00\ud83d')).toBe('not-allowed-character');
  });

  it('refuses text over the cap, global or given', () => {
    expect(textProblem('x'.repeat(MAX_TEXT_LENGTH + 1))).toBe('too-long');
    expect(textProblem('abcdef', 5)).toBe('too-long');
  });

  it('names the field in the message', () => {
    expect(textProblemMessage('input.name', 'not-allowed-character')).toBe(
      'input.name contains a character that is not allowed (a NUL byte or invalid Unicode).',
    );
    expect(textProblemMessage('nameContains', 'too-long')).toBe(`nameContains is too long: at most ${MAX_TEXT_LENGTH} characters.`);
  });
});
