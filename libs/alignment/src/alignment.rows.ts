import { AlignmentStatus } from './alignment-lifecycle';
import { Period, declineRate } from './alignment-rules';
import {
  AlignmentDeclineRateType,
  AlignmentKind,
  AlignmentRequestEventType,
  AlignmentRequestType,
  AlignmentResponse,
} from './alignment.types';

/** SQL of a request `alias`: waiting for an answer and past the day it was due (computed from the stored dates). */
export const responseOverdue = (alias: string): string => `(${alias}.status = 'REQUESTED' and ${alias}.response_due_on < current_date)`;

/** A request as read over `alignment_request r`. */
export interface RequestRow {
  id: string;
  programme_id: string;
  locality_id: string;
  requesting_organisation_id: string;
  target_organisation_id: string;
  kind: AlignmentKind;
  title: string;
  description: string;
  status: AlignmentStatus;
  requested_at: Date;
  /** requested_at with full precision, for cursors. */
  requested_key: string;
  requested_on: string;
  response_due_on: string;
  response_overdue: boolean;
  response: AlignmentResponse | null;
  responded_at: Date | null;
  responded_on: string | null;
  planned_on: string | null;
  decline_reason: string | null;
  adapted_on: string | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
}
export const REQUEST_COLUMNS = [
  'r.id',
  'r.programme_id',
  'r.locality_id',
  'r.requesting_organisation_id',
  'r.target_organisation_id',
  'r.kind',
  'r.title',
  'r.description',
  'r.status',
  'r.requested_at',
  'r.requested_at::text as requested_key',
  'r.requested_on',
  'r.response_due_on',
  `${responseOverdue('r')} as response_overdue`,
  'r.response',
  'r.responded_at',
  'r.responded_on',
  'r.planned_on',
  'r.decline_reason',
  'r.adapted_on',
  'r.withdrawn_at',
  'r.withdrawal_reason',
].join(', ');
export const toRequest = (r: RequestRow): AlignmentRequestType => ({
  id: r.id,
  programmeId: r.programme_id,
  localityId: r.locality_id,
  requestingOrganisationId: r.requesting_organisation_id,
  targetOrganisationId: r.target_organisation_id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  status: r.status,
  requestedAt: r.requested_at,
  requestedOn: r.requested_on,
  responseDueOn: r.response_due_on,
  responseOverdue: r.response_overdue,
  response: r.response,
  respondedAt: r.responded_at,
  respondedOn: r.responded_on,
  plannedOn: r.planned_on,
  declineReason: r.decline_reason,
  adaptedOn: r.adapted_on,
  withdrawnAt: r.withdrawn_at,
  withdrawalReason: r.withdrawal_reason,
});

/** The state a transition works on, with the database's today, read under the row lock. */
export interface RequestStateRow {
  id: string;
  requesting_organisation_id: string;
  target_organisation_id: string;
  status: AlignmentStatus;
  responded_on: string | null;
  today: string;
}
export const REQUEST_STATE_COLUMNS =
  'r.id, r.requesting_organisation_id, r.target_organisation_id, r.status, r.responded_on, current_date::text as today';

/** A history entry over `alignment_request_event e`. */
export interface EventRow {
  id: string;
  request_id: string;
  from_status: AlignmentStatus | null;
  to_status: AlignmentStatus;
  planned_on: string | null;
  adapted_on: string | null;
  note: string | null;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  occurred_at: Date;
}
export const EVENT_COLUMNS =
  'e.id, e.request_id, e.from_status, e.to_status, e.planned_on, e.adapted_on, e.note, e.actor_user_id, e.actor_organisation_id, e.occurred_at';
export const toEvent = (r: EventRow): AlignmentRequestEventType => ({
  id: r.id,
  requestId: r.request_id,
  fromStatus: r.from_status,
  toStatus: r.to_status,
  plannedOn: r.planned_on,
  adaptedOn: r.adapted_on,
  note: r.note,
  actorUserId: r.actor_user_id,
  actorOrganisationId: r.actor_organisation_id,
  occurredAt: r.occurred_at,
});

/** The answers of one organisation in a period (see alignment-lists.ts). */
export interface DeclineRateRow {
  organisation_id: string;
  programme_id: string | null;
  agreed: number;
  declined: number;
  overdue_now: number;
}
export const toDeclineRate = (r: DeclineRateRow, period: Period): AlignmentDeclineRateType => ({
  organisationId: r.organisation_id,
  programmeId: r.programme_id,
  from: period.from,
  to: period.to,
  responded: r.agreed + r.declined,
  agreed: r.agreed,
  declined: r.declined,
  declineRate: declineRate(r.declined, r.agreed + r.declined),
  overdueNow: r.overdue_now,
});
