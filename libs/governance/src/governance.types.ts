import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from '@joinedup/audit';
import { ConnectionType } from '@joinedup/graphql-kit';
import { Barrier, Severity, SubjectType } from './barriers';

export enum FlagState {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  DISMISSED = 'DISMISSED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(FlagState, {
  name: 'FlagState',
  valuesMap: {
    OPEN: { description: 'The condition holds and nobody has responded yet.' },
    ACKNOWLEDGED: { description: 'A coordinator has seen it; the condition still holds.' },
    DISMISSED: { description: 'A coordinator judged it not a problem; it stays dismissed until its evidence changes.' },
    RESOLVED: { description: 'The condition no longer holds (set by a scan).' },
  },
});

export enum ScanState {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(ScanState, { name: 'GovernanceScanState' });

export enum ScanTriggerKind {
  SCHEDULE = 'SCHEDULE',
  REQUEST = 'REQUEST',
  EVENT = 'EVENT',
}
registerEnumType(ScanTriggerKind, {
  name: 'GovernanceScanTrigger',
  valuesMap: {
    SCHEDULE: { description: "The tenant's daily scan." },
    REQUEST: { description: 'Asked for with requestGovernanceScan.' },
    EVENT: { description: 'A change to the records of a locality (debounced).' },
  },
});

@ObjectType('GovernanceFlag', { description: 'A finding of a governance rule about one subject, with its evidence.' })
export class GovernanceFlagType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The rule that raised it (see governanceRules).' })
  ruleCode!: string;

  @Field(() => Barrier)
  barrier!: Barrier;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => FlagState)
  state!: FlagState;

  @Field(() => SubjectType)
  subjectType!: SubjectType;

  @Field(() => ID, { description: 'The id of the record the flag is about (its type is subjectType).' })
  subjectId!: string;

  localityId!: string | null;
  programmeId!: string | null;
  organisationId!: string | null;

  @Field()
  message!: string;

  @Field(() => GraphQLJSON, { description: 'The ids and dates that triggered the rule.' })
  evidence!: Record<string, unknown>;

  @Field({ description: 'When the scan that raised it judged.' })
  firstRaisedAt!: Date;

  @Field({ description: 'When a scan last found the condition (the latest successful scan of its locality, or of all, before it resolved).' })
  lastSeenAt!: Date;

  @Field({ description: 'When its evidence last changed (a dismissed flag opens again then).' })
  evidenceChangedAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  acknowledgedByUserId!: string | null;

  @Field(() => Date, { nullable: true })
  dismissedAt!: Date | null;

  @Field(() => ID, { nullable: true })
  dismissedByUserId!: string | null;

  @Field(() => String, { nullable: true })
  dismissalReason!: string | null;

  /** Keyset of the newest-first order. */
  cursorAt!: string;
}

export const GovernanceFlagConnection = ConnectionType(GovernanceFlagType, 'GovernanceFlagConnection');

@ObjectType('GovernanceRuleThreshold')
export class RuleThresholdType {
  @Field()
  name!: string;

  @Field(() => Float, { description: 'The value scans use in this tenant.' })
  value!: number;

  @Field(() => Float, { name: 'default' })
  defaultValue!: number;

  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;

  @Field({ description: "'days', 'share' (0–1), 'count' or 'score' (0–1)." })
  unit!: string;

  @Field()
  description!: string;
}

@ObjectType('GovernanceRule', { description: 'A built-in rule with the settings this tenant runs it with.' })
export class GovernanceRuleType {
  @Field()
  code!: string;

  @Field(() => Barrier)
  barrier!: Barrier;

  @Field(() => SubjectType)
  subjectType!: SubjectType;

  @Field({ description: 'When it raises a flag; thresholds are named in backticks.' })
  description!: string;

  @Field()
  enabled!: boolean;

  @Field(() => Severity, { description: 'The severity its flags start at (some rules raise it, as their description says).' })
  severity!: Severity;

  @Field(() => Severity)
  defaultSeverity!: Severity;

  @Field({ description: 'Judges subjects across localities, so only full scans (not locality scans) run it.' })
  tenantWide!: boolean;

  @Field(() => [RuleThresholdType])
  thresholds!: RuleThresholdType[];
}

@ObjectType('GovernanceScan')
export class GovernanceScanType {
  @Field(() => ID)
  id!: string;

  localityId!: string | null;

  @Field(() => ScanTriggerKind)
  trigger!: ScanTriggerKind;

  @Field(() => ScanState)
  state!: ScanState;

  @Field()
  queuedAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The instant the rules judged.' })
  asOf!: Date | null;

  @Field(() => Int, { description: 'Tries so far (a failed try is retried with backoff).' })
  attempts!: number;

  @Field(() => Int, { nullable: true })
  flagsRaised!: number | null;

  @Field(() => Int, { nullable: true, description: 'Open flags whose severity, message or evidence changed.' })
  flagsUpdated!: number | null;

  @Field(() => Int, { nullable: true })
  flagsResolved!: number | null;

  @Field(() => Int, { nullable: true, description: 'Flags the scan found (open, acknowledged or dismissed) in its scope.' })
  openFlags!: number | null;

  @Field(() => Int, { nullable: true })
  durationMs!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  cursorAt!: string;
}

export const GovernanceScanConnection = ConnectionType(GovernanceScanType, 'GovernanceScanConnection');

@ObjectType('GovernanceHealth', { description: 'Scores (0–100) of one programme or locality after one scan.' })
export class GovernanceHealthType {
  @Field()
  takenAt!: Date;

  @Field(() => ID)
  scanId!: string;

  @Field(() => Int)
  overall!: number;

  @Field(() => Int)
  flexibility!: number;

  @Field(() => Int)
  recognition!: number;

  @Field(() => Int)
  communication!: number;

  @Field(() => Int)
  conflictResolution!: number;

  @Field(() => Int)
  roleFit!: number;

  @Field(() => Int)
  leadership!: number;

  @Field(() => Int)
  continuousImprovement!: number;

  @Field(() => Int, { description: 'Open and acknowledged flags that counted.' })
  openFlags!: number;

  subjectId!: string;
}

@ObjectType('GovernanceFlagCounts', { description: 'The flags that count against health (open and acknowledged), by severity.' })
export class GovernanceFlagCountsType {
  @Field(() => Int)
  high!: number;

  @Field(() => Int)
  medium!: number;

  @Field(() => Int)
  low!: number;
}
