import { SurveyAnswer, reportsWeakness } from './survey-answer';

/** How many responses gave each answer to one statement. */
export type AnswerCounts = Record<SurveyAnswer, number>;

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959964;

export interface Interval {
  low: number;
  high: number;
}

/** The share of a statement's answers reporting the weakness, as the results show it. */
export interface WeaknessShare {
  /** Answers on the scale: everything but DONT_KNOW (the share's denominator). */
  answered: number;
  dontKnow: number;
  /** DISAGREE + STRONGLY_DISAGREE, and NEUTRAL where the round counts it. */
  reportingWeakness: number;
  /** reportingWeakness / answered; null when nobody answered on the scale. */
  share: number | null;
  /** 95 % Wilson score interval of the share; null with it. */
  interval: Interval | null;
}

const ANSWERS = Object.values(SurveyAnswer);

export function noAnswers(): AnswerCounts {
  return Object.fromEntries(ANSWERS.map((answer) => [answer, 0])) as AnswerCounts;
}

export function addCounts(into: AnswerCounts, more: Partial<AnswerCounts>): AnswerCounts {
  for (const answer of ANSWERS) into[answer] += more[answer] ?? 0;
  return into;
}

/**
 * The Wilson score interval for `successes` out of `n`: unlike the normal approximation
 * it stays inside [0, 1] and is honest for the small groups a partnership survey has
 * (0 of 10 still gives an upper bound of 28 %).
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

/** One statement's answers summarised: DONT_KNOW in neither numerator nor denominator, NEUTRAL as the round says. */
export function weaknessShare(counts: AnswerCounts, countNeutral: boolean): WeaknessShare {
  let answered = 0;
  let reporting = 0;
  for (const answer of ANSWERS) {
    const reports = reportsWeakness(answer, countNeutral);
    if (reports === null) continue;
    answered += counts[answer];
    if (reports) reporting += counts[answer];
  }
  return {
    answered,
    dontKnow: counts[SurveyAnswer.DONT_KNOW],
    reportingWeakness: reporting,
    share: answered ? reporting / answered : null,
    interval: wilsonInterval(reporting, answered),
  };
}

/** share − baseline (positive: more people report the weakness than in 2007); null when either is missing. */
export function differenceFromBaseline(share: number | null, baseline: number | null): number | null {
  return share === null || baseline === null ? null : share - baseline;
}
