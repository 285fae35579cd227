/** The longest text any argument may carry; inputs with a tighter MaxLength say less. */
export const MAX_TEXT_LENGTH = 10_000;

/**
 * NUL (PostgreSQL text cannot hold it) or a lone UTF-16 surrogate (not a character at all:
 * JSON's `"\ud800"` decodes to one). In `u` mode a well-formed surrogate pair is one code
 * point, so `\p{Cs}` matches only the lone halves.
 */
const NOT_ALLOWED = /[\u0000\p{Cs}]/u;

export type TextProblem = 'not-allowed-character' | 'too-long';

/** What is wrong with a piece of client text, if anything. */
export function textProblem(value: string, maxLength = MAX_TEXT_LENGTH): TextProblem | undefined {
  if (value.length > maxLength) return 'too-long';
  if (NOT_ALLOWED.test(value)) return 'not-allowed-character';
  return undefined;
}

/** The message a caller sees for a problem with the text in `field`. */
export function textProblemMessage(field: string, problem: TextProblem, maxLength = MAX_TEXT_LENGTH): string {
  return problem === 'too-long'
    ? `${field} is too long: at most ${maxLength} characters.`
    : `${field} contains a character that is not allowed (a NUL byte or invalid Unicode).`;
}
