import { registerEnumType } from '@nestjs/graphql';

/** The five-point scale of every statement, plus "don't know". */
export enum SurveyAnswer {
  STRONGLY_DISAGREE = 'STRONGLY_DISAGREE',
  DISAGREE = 'DISAGREE',
  NEUTRAL = 'NEUTRAL',
  AGREE = 'AGREE',
  STRONGLY_AGREE = 'STRONGLY_AGREE',
  DONT_KNOW = 'DONT_KNOW',
}

registerEnumType(SurveyAnswer, {
  name: 'SurveyAnswer',
  description: 'An answer to a health-check statement.',
  valuesMap: {
    DONT_KNOW: { description: 'Counted in neither the share nor its denominator; shown separately.' },
    NEUTRAL: { description: "Counts as reporting the weakness only in rounds opened with countNeutral." },
  },
});

/**
 * Whether an answer reports the weakness the statement probes: disagreeing with it (and,
 * where the round says so, neither agreeing nor disagreeing). `null` for DONT_KNOW, which
 * counts in neither numerator nor denominator.
 */
export function reportsWeakness(answer: SurveyAnswer, countNeutral: boolean): boolean | null {
  switch (answer) {
    case SurveyAnswer.STRONGLY_DISAGREE:
    case SurveyAnswer.DISAGREE:
      return true;
    case SurveyAnswer.NEUTRAL:
      return countNeutral;
    case SurveyAnswer.AGREE:
    case SurveyAnswer.STRONGLY_AGREE:
      return false;
    case SurveyAnswer.DONT_KNOW:
      return null;
  }
}
