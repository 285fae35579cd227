import { Interval } from './health-check-stats';

/** What each barrier's statement asks about, in words a coordinator would use. */
const TOPIC: Record<string, string> = {
  FLEXIBILITY: 'willingness to adapt systems to partners',
  RECOGNITION: 'recognition for partnership work',
  COMMUNICATION: 'understanding of partnership activities',
  CONFLICT_RESOLUTION: 'conflict processes',
  ROLE_FIT: 'the fit of people to roles',
  LEADERSHIP: 'agreed leadership',
  CONTINUOUS_IMPROVEMENT: 'continuous improvement',
};

/**
 * Below this distance between the survey's share and the records' shortfall the two are
 * said to agree, however many answers there are: a share of people and a score from
 * flags are different measures, and small differences between them mean nothing.
 */
export const PERCEPTION_MARGIN = 0.1;

export interface PerceptionInput {
  barrier: string;
  /** Share of answers reporting the weakness, with its 95 % interval. */
  surveyShare: number | null;
  interval: Interval | null;
  /** The records' health score for the barrier (0–100), or null without a scan. */
  healthScore: number | null;
  openFlags: number;
}

export type PerceptionSide = 'AGREE' | 'RECORDS_WORSE' | 'SURVEY_WORSE' | 'NO_COMPARISON';

const percent = (share: number) => `${Math.round(share * 100)} %`;
const flags = (n: number) => (n === 1 ? '1 open flag' : `${n} open flags`);

/**
 * Compares what people say with what the records show, as the records' shortfall
 * (100 − score) / 100 against the survey's share. They differ only when the shortfall is
 * outside the share's 95 % interval and at least PERCEPTION_MARGIN away from it.
 */
export function perceptionSide(input: PerceptionInput): PerceptionSide {
  if (input.surveyShare === null || input.interval === null || input.healthScore === null) return 'NO_COMPARISON';
  const shortfall = (100 - input.healthScore) / 100;
  const apart = Math.abs(shortfall - input.surveyShare) >= PERCEPTION_MARGIN;
  if (apart && shortfall > input.interval.high) return 'RECORDS_WORSE';
  if (apart && shortfall < input.interval.low) return 'SURVEY_WORSE';
  return 'AGREE';
}

/** One sentence for a coordinator; it says which side looks worse and no more than that. */
export function perceptionReading(input: PerceptionInput): string {
  const topic = TOPIC[input.barrier] ?? 'this statement';
  if (input.surveyShare === null) return `No answers on the scale about ${topic} yet, so there is nothing to compare with the records.`;
  if (input.healthScore === null) {
    return `No governance scan of this locality had been taken by the round's close, so the survey cannot be compared with the records.`;
  }
  const said = `${percent(input.surveyShare)} report the weakness`;
  const score = `the records score ${input.healthScore}`;
  switch (perceptionSide(input)) {
    case 'RECORDS_WORSE':
      return (
        `People see ${topic} as working better (${said}) than the records suggest: ${score}, with ${flags(input.openFlags)}. ` +
        `The records look worse than what people say.`
      );
    case 'SURVEY_WORSE':
      return (
        `People report more trouble with ${topic} (${said}) than the records show: ${score}, with ${flags(input.openFlags)}. ` +
        `What people say looks worse; the rules may not see what they describe.`
      );
    default:
      return `What people say about ${topic} (${said}) broadly matches the records: ${score}, with ${flags(input.openFlags)}.`;
  }
}
