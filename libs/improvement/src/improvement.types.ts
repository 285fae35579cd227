import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, listOf } from '@joinedup/graphql-kit';
import { MeasureDirection, TREND_LENGTH, TrendMovement } from './improvement.rules';

export enum ImprovementReviewStatus {
  SCHEDULED = 'SCHEDULED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum ImprovementActionStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  DROPPED = 'DROPPED',
}

registerEnumType(MeasureDirection, { name: 'MeasureDirection' });
registerEnumType(TrendMovement, {
  name: 'TrendMovement',
  description: 'How a measure moved between its last two reviews.',
});
registerEnumType(ImprovementReviewStatus, {
  name: 'ImprovementReviewStatus',
  valuesMap: { CANCELLED: { description: 'The programme stopped being active before the review was done.' } },
});
registerEnumType(ImprovementActionStatus, { name: 'ImprovementActionStatus' });

@ObjectType('Measure', { description: 'Something a programme measures to judge its effectiveness or efficiency.' })
export class MeasureType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;

  @Field()
  name!: string;

  @Field({ description: 'e.g. "%", "days", "referrals".' })
  unit!: string;

  @Field(() => Float, { nullable: true })
  baseline!: number | null;

  @Field(() => Float)
  target!: number;

  @Field(() => MeasureDirection)
  direction!: MeasureDirection;

  @Field({ description: 'Retired measures keep their history but take no new values.' })
  active!: boolean;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  retiredOn!: string | null;
}

@ObjectType('MeasureValue', { description: 'The value a completed review recorded for a measure.' })
export class MeasureValueType {
  measureId!: string;

  @Field(() => ID)
  reviewId!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => Float, { description: 'The target when the review was completed.' })
  target!: number;

  @Field(() => MeasureDirection, { description: 'The direction when the review was completed.' })
  direction!: MeasureDirection;

  @Field({ description: 'Whether the value met its target, by direction.' })
  met!: boolean;

  @Field({ description: 'YYYY-MM-DD: start of the period the review covered.' })
  periodStart!: string;

  @Field({ description: 'YYYY-MM-DD: end of the period the review covered.' })
  periodEnd!: string;

  @Field({ description: 'YYYY-MM-DD' })
  completedOn!: string;
}

@ObjectType('MeasureTrend', { description: "A measure over the programme's last reviews." })
export class MeasureTrendType {
  @Field(() => [MeasureValueType], { description: 'The values of the last reviews, oldest first.', complexity: listOf(TREND_LENGTH) })
  values!: MeasureValueType[];

  @Field(() => Int)
  metCount!: number;

  @Field(() => Int)
  missedCount!: number;

  @Field(() => TrendMovement)
  movement!: TrendMovement;
}

@ObjectType('ImprovementReview', { description: "A review of a programme's effectiveness and efficiency." })
export class ImprovementReviewType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;

  @Field(() => ImprovementReviewStatus)
  status!: ImprovementReviewStatus;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => Int, {
    description: 'Days past the due date: until today while scheduled, until it was completed once completed.',
  })
  daysOverdue!: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  periodStart!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  periodEnd!: string | null;

  @Field(() => Int, { nullable: true, description: '1 (poor) to 5 (excellent).' })
  effectivenessRating!: number | null;

  @Field(() => Int, { nullable: true, description: '1 (poor) to 5 (excellent).' })
  efficiencyRating!: number | null;

  @Field(() => String, { nullable: true })
  findings!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  completedOn!: string | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  completedByUserId!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  cancelledOn!: string | null;
}

@ObjectType('ImprovementAction', { description: 'An improvement a review agreed, with its owner and due date.' })
export class ImprovementActionType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;
  ownerPersonId!: string;

  @Field(() => ID)
  reviewId!: string;

  @Field()
  description!: string;

  @Field({ description: 'YYYY-MM-DD: the day the review raised it.' })
  raisedOn!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => ImprovementActionStatus)
  status!: ImprovementActionStatus;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when it was done or dropped.' })
  closedOn!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int, { description: 'Days past the due date: until today while open, until it was closed otherwise.' })
  daysOverdue!: number;
}

export const ImprovementReviewConnection = ConnectionType(ImprovementReviewType, 'ImprovementReviewConnection');
export const ImprovementActionConnection = ConnectionType(ImprovementActionType, 'ImprovementActionConnection');
