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
 * Below this distance between the survey's share and the records' share the two are said
 * to agree, however many answers there are: a handful of programmes gives a coarse share.
 */
export const PERCEPTION_MARGIN = 0.1;

/**
 * Both sides on one scale, a share of 0 to 1: of the people who answered, those who report
 * the weakness; of the programmes compared, those with an open flag of the barrier.
 */
export interface PerceptionInput {
  barrier: string;
  /** Share of answers reporting the weakness, with its 95 % interval. */
  surveyShare: number | null;
  interval: Interval | null;
  /** Programmes compared: the round's programme, or the locality's active programmes at the close; null without a scan. */
  programmes: number | null;
  /** Of them, those with a flag of the barrier open at the close. */
  flaggedProgrammes: number;
}

export type PerceptionSide = 'AGREE' | 'RECORDS_WORSE' | 'SURVEY_WORSE' | 'NO_COMPARISON';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The share of the programmes compared with an open flag of the barrier; null without programmes or scan. */
export const recordsShare = (input: Pick<PerceptionInput, 'programmes' | 'flaggedProgrammes'>): number | null =>
  input.programmes ? input.flaggedProgrammes / input.programmes : null;

/**
 * Compares what people say with what the records show: the records' share against the
 * survey's. They differ only when the records' share is outside the survey share's 95 %
 * interval and at least PERCEPTION_MARGIN away from it.
 */
export function perceptionSide(input: PerceptionInput): PerceptionSide {
  const records = recordsShare(input);
  if (input.surveyShare === null || input.interval === null || records === null) return 'NO_COMPARISON';
  const apart = Math.abs(records - input.surveyShare) >= PERCEPTION_MARGIN;
  if (apart && records > input.interval.high) return 'RECORDS_WORSE';
  if (apart && records < input.interval.low) return 'SURVEY_WORSE';
  return 'AGREE';
}

/** One sentence for a coordinator; it says which side looks worse and no more than that. */
export function perceptionReading(input: PerceptionInput): string {
  const topic = TOPIC[input.barrier] ?? 'this statement';
  const records = recordsShare(input);
  if (input.surveyShare === null) return `No answers on the scale about ${topic}, so there is nothing to compare with the records.`;
  if (input.programmes === null) {
    return `No governance scan of this locality had been taken by the round's close, so the survey cannot be compared with the records.`;
  }
  if (records === null) return `No programme to compare with, so the survey cannot be set beside the records.`;
  const said = `${percent(input.surveyShare)} report the weakness`;
  const flagged = `${input.flaggedProgrammes} of ${input.programmes} programmes (${percent(records)}) had an open flag about it`;
  switch (perceptionSide(input)) {
    case 'RECORDS_WORSE':
      return `People see ${topic} as working better (${said}) than the records suggest: ${flagged}. The records look worse than what people say.`;
    case 'SURVEY_WORSE':
      return (
        `People report more trouble with ${topic} (${said}) than the records show: ${flagged}. ` +
        `What people say looks worse; the rules may not see what they describe.`
      );
    default:
      return `What people say about ${topic} (${said}) broadly matches the records: ${flagged}.`;
  }
}
