import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@joinedup/graphql-kit';
import { AlignmentAction, AlignmentStatus } from './alignment-lifecycle';

/** What a request asks the target to adapt. */
export enum AlignmentKind {
  DATA_SHARING = 'DATA_SHARING',
  REFERRAL_PROCESS = 'REFERRAL_PROCESS',
  IT_SYSTEM = 'IT_SYSTEM',
  POLICY = 'POLICY',
  BUDGET = 'BUDGET',
  WORKFORCE = 'WORKFORCE',
  OTHER = 'OTHER',
}

/** The target's answer. */
export enum AlignmentResponse {
  AGREED = 'AGREED',
  DECLINED = 'DECLINED',
}

/** Which of an organisation's requests a list holds. */
export enum AlignmentDirection {
  MADE = 'MADE',
  RECEIVED = 'RECEIVED',
}

registerEnumType(AlignmentKind, { name: 'AlignmentKind', description: 'What kind of system or process the request asks to adapt.' });
registerEnumType(AlignmentResponse, { name: 'AlignmentResponse' });
registerEnumType(AlignmentDirection, {
  name: 'AlignmentDirection',
  valuesMap: {
    MADE: { description: 'Requests the organisation made.' },
    RECEIVED: { description: 'Requests addressed to the organisation.' },
  },
});
registerEnumType(AlignmentStatus, {
  name: 'AlignmentStatus',
  description: 'REQUESTED → AGREED → ADAPTED, or REQUESTED → DECLINED; REQUESTED or AGREED → WITHDRAWN by the requester.',
});
registerEnumType(AlignmentAction, { name: 'AlignmentAction', description: 'Something that can be done to an alignment request.' });

@ObjectType('AlignmentRequest', {
  description:
    'One member body asks another taking part in the same programme to adapt a system or process to align with a ' +
    "partner's, and the target answers. Readable by whoever may read the programme.",
})
export class AlignmentRequestType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;
  localityId!: string;
  requestingOrganisationId!: string;
  targetOrganisationId!: string;

  @Field(() => AlignmentKind)
  kind!: AlignmentKind;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => AlignmentStatus)
  status!: AlignmentStatus;

  @Field()
  requestedAt!: Date;

  @Field({ description: 'YYYY-MM-DD the request was made.' })
  requestedOn!: string;

  @Field({ description: 'YYYY-MM-DD the target should answer by.' })
  responseDueOn!: string;

  @Field({ description: 'Still waiting for an answer (REQUESTED) and past responseDueOn.' })
  responseOverdue!: boolean;

  @Field(() => AlignmentResponse, { nullable: true, description: 'The answer, kept when an agreed request is adapted or withdrawn.' })
  response!: AlignmentResponse | null;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the answer was given.' })
  respondedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'AGREED: YYYY-MM-DD the target plans to have adapted by.' })
  plannedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'DECLINED: why.' })
  declineReason!: string | null;

  @Field(() => String, { nullable: true, description: 'ADAPTED: YYYY-MM-DD the target adapted.' })
  adaptedOn!: string | null;

  @Field(() => Date, { nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'WITHDRAWN: why.' })
  withdrawalReason!: string | null;
}

export const AlignmentRequestConnection = ConnectionType(AlignmentRequestType, 'AlignmentRequestConnection');

@ObjectType('AlignmentRequestEvent', { description: "An entry of a request's history: its making or a change of status." })
export class AlignmentRequestEventType {
  @Field(() => ID)
  id!: string;

  requestId!: string;

  @Field(() => AlignmentStatus, { nullable: true, description: 'Empty when the request was made.' })
  fromStatus!: AlignmentStatus | null;

  @Field(() => AlignmentStatus)
  toStatus!: AlignmentStatus;

  @Field(() => String, { nullable: true, description: 'AGREED: the planned date.' })
  plannedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'ADAPTED: the date of the adaptation.' })
  adaptedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason for a decline or withdrawal, or a note.' })
  note!: string | null;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  actorOrganisationId!: string | null;

  @Field()
  occurredAt!: Date;
}

@ObjectType('AlignmentDeclineRate', {
  description:
    'How an organisation answered the alignment requests addressed to it, counted by the day of the answer within ' +
    'the period (both ends included): a request agreed and later adapted or withdrawn counts as agreed; one withdrawn ' +
    'before an answer, or still waiting, does not count.',
})
export class AlignmentDeclineRateType {
  organisationId!: string;
  /** Null when over every programme the caller may read. */
  programmeId!: string | null;

  @Field({ description: 'YYYY-MM-DD, the first day counted.' })
  from!: string;

  @Field({ description: 'YYYY-MM-DD, the last day counted.' })
  to!: string;

  @Field(() => Int, { description: 'Requests answered (agreed or declined) in the period.' })
  responded!: number;

  @Field(() => Int)
  agreed!: number;

  @Field(() => Int)
  declined!: number;

  @Field(() => Float, { nullable: true, description: 'declined / responded, 0–1 to three decimals; empty when none was answered.' })
  declineRate!: number | null;

  @Field(() => Int, { description: 'Requests addressed to it waiting for an answer past their response date now, whatever the period.' })
  overdueNow!: number;
}
