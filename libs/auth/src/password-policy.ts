import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { badInput } from '@joinedup/errors';
import { MIN_PASSWORD_LENGTH } from './password-hasher';

/** zxcvbn's 0–4 scale: 3 is "safely unguessable: moderate protection from offline attacks". */
export const MIN_PASSWORD_SCORE = 3;
export const MAX_PASSWORD_LENGTH = 200;

let estimator: Promise<ZxcvbnFactory> | undefined;

/** zxcvbn with the common and English dictionaries, loaded at the first check (~0.3 s), once. */
function passwordEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return estimator;
}

/**
 * What a guesser knows about the account: each input whole, its parts (`rep@gateshead-council.demo`
 * gives `gateshead-council`) and its words (`gateshead`, `council`).
 */
function guessableWords(userInputs: (string | null | undefined)[]): string[] {
  const words = userInputs.flatMap((input) =>
    input ? [input, ...input.split(/[@.\s]+/u), ...input.split(/[^\p{L}\p{N}]+/u)] : [],
  );
  return [...new Set(words.filter((word) => word.length >= 3))];
}

/**
 * Why a password is not acceptable, or undefined when it is: at least MIN_PASSWORD_LENGTH
 * characters and hard to guess (zxcvbn score ≥ MIN_PASSWORD_SCORE), counting the user's
 * email, name and tenant as words a guesser would try first. The reason is zxcvbn's own
 * feedback, so the person choosing knows what to change.
 */
export async function passwordWeakness(
  password: string,
  userInputs: (string | null | undefined)[] = [],
  label = 'password',
): Promise<string | undefined> {
  if (password.length < MIN_PASSWORD_LENGTH) return `${label} must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `${label} must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const result = (await passwordEstimator()).check(password, guessableWords(userInputs));
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const reasons = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `${label} is too easy to guess${reasons ? `: ${reasons}` : '.'}`;
}

/** BAD_USER_INPUT naming `field` with the reason (told as `label`), when the password is not acceptable. */
export async function assertPasswordPolicy(
  password: string,
  userInputs: (string | null | undefined)[],
  field = 'password',
  label = field,
): Promise<void> {
  const weakness = await passwordWeakness(password, userInputs, label);
  if (weakness) throw badInput(weakness, field);
}
