import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Barrier } from '@joinedup/governance';
import { listOf } from '@joinedup/graphql-kit';
import { Sector } from '@joinedup/registry';
import { AnswerCounts } from './health-check-stats';
import { ResponseCell, Withheld } from './results-disclosure';
import type { PublishedFigures } from './round-publication';
import { SurveyRoundStatus } from './survey-round-status';

/** The statements of an instrument, for the query cost (the built-in one has seven). */
export const STATEMENTS_PER_ROUND = 10;

/** How the results of a round are broken down. */
export enum HealthCheckGroupKind {
  SECTOR = 'SECTOR',
  ORGANISATION = 'ORGANISATION',
  OTHER = 'OTHER',
}

/** Which side of a perception gap looks worse. */
export enum PerceptionGapSide {
  AGREE = 'AGREE',
  RECORDS_WORSE = 'RECORDS_WORSE',
  SURVEY_WORSE = 'SURVEY_WORSE',
  NO_COMPARISON = 'NO_COMPARISON',
}

registerEnumType(HealthCheckGroupKind, {
  name: 'HealthCheckGroupKind',
  valuesMap: { OTHER: { description: 'The groups too small to show on their own, merged.' } },
});
registerEnumType(PerceptionGapSide, {
  name: 'PerceptionGapSide',
  description: "Whether what people say and what the records show agree, and if not which looks worse.",
  valuesMap: {
    AGREE: { description: "The records' share lies within the survey share's 95 % interval, or within 10 points of it." },
    RECORDS_WORSE: { description: "A larger share of programmes is flagged than of people report the weakness." },
    SURVEY_WORSE: { description: 'A larger share of people report the weakness than of programmes is flagged.' },
    NO_COMPARISON: { description: 'No answers on the scale, no programme to compare with, or no scan of the locality.' },
  },
});

@ObjectType('HealthCheckRoundSummary', { description: 'The round results are about.' })
export class HealthCheckRoundSummaryType {
  @Field(() => ID)
  id!: string;

  localityId!: string;
  programmeId!: string | null;

  @Field()
  title!: string;

  @Field({ description: 'YYYY-MM-DD' })
  opensOn!: string;

  @Field({ description: 'YYYY-MM-DD, the last day answers are taken (UTC).' })
  closesOn!: string;

  @Field(() => SurveyRoundStatus)
  status!: SurveyRoundStatus;
}

@ObjectType('HealthCheckInterval', { description: 'A 95 % Wilson score interval of a share.' })
export class HealthCheckIntervalType {
  @Field(() => Float)
  low!: number;

  @Field(() => Float)
  high!: number;
}

@ObjectType('HealthCheckBarrierResult', { description: "One statement's answers, against the 2007 baseline." })
export class HealthCheckBarrierResultType {
  @Field(() => Barrier, { nullable: true, description: 'Empty for a question of your own that measures no barrier.' })
  barrier!: Barrier | null;

  @Field(() => ID)
  statementId!: string;

  @Field(() => Int)
  position!: number;

  @Field()
  statement!: string;

  @Field(() => Int, { description: 'Answers on the scale: all but DONT_KNOW. The denominator of share.' })
  answered!: number;

  @Field(() => Int)
  dontKnow!: number;

  @Field(() => Int, { description: "DISAGREE and STRONGLY_DISAGREE answers, and NEUTRAL ones where the round counts them." })
  reportingWeakness!: number;

  @Field(() => Float, { nullable: true, description: 'reportingWeakness / answered, 0 to 1; empty when answered is 0.' })
  share!: number | null;

  @Field(() => HealthCheckIntervalType, { nullable: true, description: 'The 95 % Wilson score interval of share.' })
  interval!: HealthCheckIntervalType | null;

  @Field(() => Float, { nullable: true, description: 'The 2007 share reporting the weakness, 0 to 1.' })
  baselineShare!: number | null;

  @Field(() => String, { nullable: true, description: 'How to show the baseline, e.g. "47 %" or "> 1/3".' })
  baselineLabel!: string | null;

  @Field(() => Float, { nullable: true, description: 'share − baselineShare: above 0, more report the weakness than in 2007.' })
  difference!: number | null;
}

@ObjectType('HealthCheckGroup', { description: 'A sector, an organisation, or "other".' })
export class HealthCheckGroupType {
  @Field(() => HealthCheckGroupKind)
  kind!: HealthCheckGroupKind;

  @Field(() => Sector, { nullable: true })
  sector!: Sector | null;

  organisationId!: string | null;
}

@ObjectType('HealthCheckGroupResult', {
  description:
    'The results of one group. Groups with fewer responses than the round\'s minGroupSize are merged into "other", ' +
    'and groups join "other" until no group smaller than the minimum can be computed by subtracting shown figures ' +
    '(totals, groups of either breakdown, CSV rows) from each other.',
})
export class HealthCheckGroupResultType {
  @Field(() => HealthCheckGroupType)
  group!: HealthCheckGroupType;

  @Field(() => Int, { nullable: true, description: 'Empty when suppressed.' })
  responses!: number | null;

  @Field({ description: "The round's figures are not shown (see the results' note): this group's counts are hidden." })
  suppressed!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the group is suppressed.' })
  note!: string | null;

  @Field(() => [HealthCheckBarrierResultType], { description: 'Empty when suppressed.', complexity: listOf(STATEMENTS_PER_ROUND) })
  barriers!: HealthCheckBarrierResultType[];
}

@ObjectType('HealthCheckPerceptionGap', {
  description:
    "A barrier's survey share beside the records' share on the same scale: of the programmes compared, those with an " +
    "open flag of the barrier at the round's close (recordsAt).",
})
export class HealthCheckPerceptionGapType {
  @Field(() => Barrier)
  barrier!: Barrier;

  @Field(() => Float, { nullable: true, description: 'The share of people reporting the weakness, as in barriers.' })
  surveyShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'flaggedProgrammes / programmes, 0 to 1; empty without programmes.' })
  recordsShare!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Programmes compared: the round's programme, or the locality's active programmes then; empty without a scan.",
  })
  programmes!: number | null;

  @Field(() => Int, { description: 'Of them, those with a flag of the barrier open then.' })
  flaggedProgrammes!: number;

  @Field(() => Int, { description: "The barrier's flags in the locality open then, dismissed ones left out." })
  openFlags!: number;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the records are read: the round's close, or the engine's first scan of the locality after it where it had " +
      'none before (as after installing JoinedUp); empty when the engine has never scanned the locality.',
  })
  recordsAt!: Date | null;

  @Field(() => PerceptionGapSide)
  side!: PerceptionGapSide;

  @Field({ description: 'One sentence for a coordinator.' })
  reading!: string;
}

/** The responses of one organisation in one sector, with their answer counts per statement id. */
export interface CellAnswers extends ResponseCell {
  counts: Map<string, AnswerCounts>;
}

/** A statement of the round's instrument, kept on the results for the fields computed from them. */
export interface StatementAnswers {
  id: string;
  position: number;
  barrier: Barrier | null;
  text: string;
  baselineShare: number | null;
  baselineLabel: string | null;
}

@ObjectType('HealthCheckResults', { description: "A round's answers. While the round is open they are provisional." })
export class HealthCheckResultsType {
  @Field(() => HealthCheckRoundSummaryType)
  round!: HealthCheckRoundSummaryType;

  @Field({ description: 'The round is not closed yet: more answers may come, and answers may change.' })
  provisional!: boolean;

  @Field({
    description:
      'Only the counts are shown: the round is not closed yet, or has fewer responses than minGroupSize. barriers and ' +
      'the perception gap are then empty, each breakdown is one suppressed "other" group, and the CSV has its header only.',
  })
  suppressed!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the figures are not shown.' })
  note!: string | null;

  @Field(() => Int, { description: 'People invited.' })
  invitedCount!: number;

  @Field(() => Int)
  responseCount!: number;

  @Field({ description: 'Whether NEUTRAL counts as reporting the weakness in this round.' })
  countNeutral!: boolean;

  @Field(() => Int)
  minGroupSize!: number;

  @Field(() => [HealthCheckBarrierResultType], {
    description: 'One per statement, in position order; empty when suppressed.',
    complexity: listOf(STATEMENTS_PER_ROUND),
  })
  barriers!: HealthCheckBarrierResultType[];

  instrumentId!: string;
  statements!: StatementAnswers[];
  /** The instant the results are compared with the records at: the end of closesOn (UTC), or now while open. */
  comparedAt!: Date;
  /** Why the figures are withheld, or null. */
  withheld!: Withheld;
  /** The answers the figures are computed from, per organisation and sector (none while withheld, none once published). */
  cells!: CellAnswers[];
  /** The round's publication, once it is published: every figure is then read from it. */
  published!: PublishedFigures | null;
}

@ObjectType('HealthCheckTrendPoint', { description: 'One round of a locality in its trend.' })
export class HealthCheckTrendPointType {
  @Field(() => HealthCheckRoundSummaryType)
  round!: HealthCheckRoundSummaryType;

  @Field()
  provisional!: boolean;

  @Field({ description: 'Counts only, as in healthCheckResults: not closed yet, or fewer responses than its minGroupSize.' })
  suppressed!: boolean;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int)
  responseCount!: number;

  @Field({ description: 'Rounds that count NEUTRAL differently are not directly comparable.' })
  countNeutral!: boolean;

  @Field(() => [HealthCheckBarrierResultType], {
    description: 'One per statement, in position order, with the baseline; empty when suppressed.',
    complexity: listOf(STATEMENTS_PER_ROUND),
  })
  barriers!: HealthCheckBarrierResultType[];
}
