import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@joinedup/graphql-kit';
import { ConflictAction, ConflictStatus } from './conflict-lifecycle';

export enum ConflictCategory {
  RESOURCES = 'RESOURCES',
  PRIORITIES = 'PRIORITIES',
  DATA_SHARING = 'DATA_SHARING',
  ACCOUNTABILITY = 'ACCOUNTABILITY',
  CULTURE = 'CULTURE',
  OTHER = 'OTHER',
}

export enum ConflictSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

/** What an entry of a conflict's history records. */
export enum ConflictEventKind {
  RAISED = 'RAISED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLUTION_STARTED = 'RESOLUTION_STARTED',
  ESCALATED = 'ESCALATED',
  RESOLVED = 'RESOLVED',
  CLOSED_UNRESOLVED = 'CLOSED_UNRESOLVED',
  COMMENTED = 'COMMENTED',
}

registerEnumType(ConflictCategory, { name: 'ConflictCategory' });
registerEnumType(ConflictSeverity, { name: 'ConflictSeverity' });
registerEnumType(ConflictStatus, {
  name: 'ConflictStatus',
  description: 'OPEN → ACKNOWLEDGED → IN_RESOLUTION (stage by stage) → RESOLVED or CLOSED_UNRESOLVED.',
});
registerEnumType(ConflictAction, { name: 'ConflictAction', description: 'Something that can be done to a conflict.' });
registerEnumType(ConflictEventKind, { name: 'ConflictEventKind' });

@ObjectType('ConflictStage', { description: 'One step of a conflict resolution process.' })
export class ConflictStageType {
  @Field(() => Int, { description: '1 for the first stage.' })
  number!: number;

  @Field({ description: 'e.g. "Discussion between the leads", "Partnership board".' })
  name!: string;

  @Field({ description: 'Who owns this stage, e.g. "Programme coordinator".' })
  owner!: string;

  @Field(() => Int, { description: 'Days the stage may take before it is overdue.' })
  timeLimitDays!: number;
}

@ObjectType('ConflictProcessVersion', {
  description: 'One version of a process; once agreed by the partnership it never changes.',
})
export class ConflictProcessVersionType {
  @Field(() => ID)
  id!: string;

  processId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the partnership agreed it; empty for a draft.' })
  agreedOn!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the agreement was recorded.' })
  agreementRecordedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'Who recorded the agreement.' })
  agreementRecordedByUserId!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('ConflictProcess', {
  description: "How conflicts are resolved: a locality's process is the default for its programmes; a programme's own overrides it.",
})
export class ConflictProcessType {
  @Field(() => ID)
  id!: string;

  /** The locality it belongs to, or the locality of its programme. */
  localityId!: string;
  /** Null for a locality's own process. */
  programmeId!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('ConflictEvent', { description: "An entry of a conflict's history: a transition or a comment." })
export class ConflictEventType {
  @Field(() => ID)
  id!: string;

  conflictId!: string;

  @Field(() => ConflictEventKind)
  kind!: ConflictEventKind;

  @Field(() => ConflictStatus, { nullable: true, description: 'Empty for RAISED.' })
  fromStatus!: ConflictStatus | null;

  @Field(() => ConflictStatus)
  toStatus!: ConflictStatus;

  @Field(() => Int, { nullable: true, description: 'The stage the conflict was at after this entry.' })
  stage!: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD that stage was due.' })
  stageDueOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The comment or note; empty for whoever may not read the details.' })
  note!: string | null;

  @Field(() => ID, { nullable: true, description: 'Who did it; empty for whoever may not read the details.' })
  actorUserId!: string | null;

  actorOrganisationId!: string | null;

  @Field()
  occurredAt!: Date;
}

@ObjectType('Conflict', {
  description:
    'A conflict raised by a member body. The organisations involved, coordinators, administrators and reviewers ' +
    'read everything; other member bodies of the locality see only that it exists (category, severity, status, ' +
    'stage and dates): its details read as empty for them.',
})
export class ConflictType {
  @Field(() => ID)
  id!: string;

  localityId!: string;
  programmeId!: string | null;
  processVersionId!: string | null;
  /** Null when the caller may not read the details. */
  raisedByOrganisationId!: string | null;

  @Field({ description: 'Whether you may read the details (title, description, parties, history notes, outcome).' })
  detailsVisible!: boolean;

  @Field(() => ConflictCategory)
  category!: ConflictCategory;

  @Field(() => ConflictSeverity)
  severity!: ConflictSeverity;

  @Field(() => ConflictStatus)
  status!: ConflictStatus;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  openedAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolutionStartedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The stage of the process it is at (or ended at).' })
  currentStage!: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD the current stage started.' })
  stageStartedOn!: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD: the stage's start plus its time limit." })
  stageDueOn!: string | null;

  @Field({ description: 'In resolution and past the current stage’s due date.' })
  stageOverdue!: boolean;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'RESOLVED: how it was resolved.' })
  outcome!: string | null;

  @Field(() => String, { nullable: true, description: 'CLOSED_UNRESOLVED: why.' })
  closeReason!: string | null;
}

export const ConflictConnection = ConnectionType(ConflictType, 'ConflictConnection');
