import { ConflictStatus } from './conflict-lifecycle';
import {
  ConflictCategory,
  ConflictEventKind,
  ConflictEventType,
  ConflictProcessType,
  ConflictProcessVersionType,
  ConflictSeverity,
  ConflictStageType,
  ConflictType,
} from './conflicts.types';

/** A process with the locality it serves: its own, or its programme's. */
export interface ProcessRow {
  id: string;
  locality_id: string;
  programme_id: string | null;
  created_at: Date;
}
/** Over `conflict_process p` joined to `programme pr` on its programme (left join). */
export const PROCESS_COLUMNS = 'p.id, coalesce(p.locality_id, pr.locality_id) as locality_id, p.programme_id, p.created_at';
export const PROCESS_FROM = `conflict_process p
  left join programme pr on pr.tenant_id = p.tenant_id and pr.id = p.programme_id`;
export const toProcess = (r: ProcessRow): ConflictProcessType => ({
  id: r.id,
  localityId: r.locality_id,
  programmeId: r.programme_id,
  createdAt: r.created_at,
});

export interface VersionRow {
  id: string;
  process_id: string;
  version: number;
  agreed_on: string | null;
  agreement_recorded_at: Date | null;
  agreement_recorded_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
}
export const VERSION_COLUMNS = 'id, process_id, version, agreed_on, agreement_recorded_at, agreement_recorded_by_user_id, created_at, updated_at';
export const toVersion = (r: VersionRow): ConflictProcessVersionType => ({
  id: r.id,
  processId: r.process_id,
  version: r.version,
  agreedOn: r.agreed_on,
  agreementRecordedAt: r.agreement_recorded_at,
  agreementRecordedByUserId: r.agreement_recorded_by_user_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface StageRow {
  version_id: string;
  stage_number: number;
  name: string;
  owner: string;
  time_limit_days: number;
}
export const STAGE_COLUMNS = 'version_id, stage_number, name, owner, time_limit_days';
export const toStage = (r: StageRow): ConflictStageType => ({
  number: r.stage_number,
  name: r.name,
  owner: r.owner,
  timeLimitDays: r.time_limit_days,
});

/** A conflict as the viewer may read it: CONFLICT_COLUMNS over conflictSource. */
export interface ConflictRow {
  id: string;
  locality_id: string;
  programme_id: string | null;
  process_version_id: string | null;
  details_visible: boolean;
  raised_by_organisation_id: string | null;
  category: ConflictCategory;
  severity: ConflictSeverity;
  status: ConflictStatus;
  title: string | null;
  description: string | null;
  opened_at: Date;
  /** opened_at with full precision, for cursors. */
  opened_key: string;
  acknowledged_at: Date | null;
  resolution_started_at: Date | null;
  current_stage: number | null;
  stage_started_on: string | null;
  stage_due_on: string | null;
  stage_overdue: boolean;
  closed_at: Date | null;
  outcome: string | null;
  close_reason: string | null;
}
export const toConflict = (r: ConflictRow): ConflictType => ({
  id: r.id,
  localityId: r.locality_id,
  programmeId: r.programme_id,
  processVersionId: r.process_version_id,
  detailsVisible: r.details_visible,
  raisedByOrganisationId: r.raised_by_organisation_id,
  category: r.category,
  severity: r.severity,
  status: r.status,
  title: r.title,
  description: r.description,
  openedAt: r.opened_at,
  acknowledgedAt: r.acknowledged_at,
  resolutionStartedAt: r.resolution_started_at,
  currentStage: r.current_stage,
  stageStartedOn: r.stage_started_on,
  stageDueOn: r.stage_due_on,
  stageOverdue: r.stage_overdue,
  closedAt: r.closed_at,
  outcome: r.outcome,
  closeReason: r.close_reason,
});

/** The unmasked state a transition works on; never returned to a caller. */
export interface ConflictStateRow {
  id: string;
  locality_id: string;
  programme_id: string | null;
  raised_by_organisation_id: string;
  status: ConflictStatus;
  process_version_id: string | null;
  current_stage: number | null;
  stage_due_on: string | null;
}
export const CONFLICT_STATE_COLUMNS =
  'id, locality_id, programme_id, raised_by_organisation_id, status, process_version_id, current_stage, stage_due_on';

/** An event as the viewer may read it: eventColumns over `conflict_event e`. */
export interface EventRow {
  id: string;
  conflict_id: string;
  kind: ConflictEventKind;
  from_status: ConflictStatus | null;
  to_status: ConflictStatus;
  stage: number | null;
  stage_due_on: string | null;
  note: string | null;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  occurred_at: Date;
}
/** The columns of an event `e`; what it says and who acted only where `detailsVisible` (SQL) holds. */
export const eventColumns = (detailsVisible: string): string =>
  [
    'e.id',
    'e.conflict_id',
    'e.kind',
    'e.from_status',
    'e.to_status',
    'e.stage',
    'e.stage_due_on',
    `case when ${detailsVisible} then e.note end as note`,
    `case when ${detailsVisible} then e.actor_user_id end as actor_user_id`,
    `case when ${detailsVisible} then e.actor_organisation_id end as actor_organisation_id`,
    'e.occurred_at',
  ].join(', ');
export const toEvent = (r: EventRow): ConflictEventType => ({
  id: r.id,
  conflictId: r.conflict_id,
  kind: r.kind,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  stage: r.stage,
  stageDueOn: r.stage_due_on,
  note: r.note,
  actorUserId: r.actor_user_id,
  actorOrganisationId: r.actor_organisation_id,
  occurredAt: r.occurred_at,
});
