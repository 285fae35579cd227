import { ALIGNMENT_REQUEST_CHANGED } from '@joinedup/alignment';
import { BRIEFING_ACKNOWLEDGEMENT_CHANGED, BRIEFING_CHANGED } from '@joinedup/briefings';
import { CONFLICT_CHANGED, CONFLICT_PROCESS_CHANGED } from '@joinedup/conflicts';
import { ACTION_CHANGED, MEASURE_CHANGED, REVIEW_CHANGED } from '@joinedup/improvement';
import {
  ENDORSEMENT_CHANGED,
  LEADER_AGREED,
  LEADER_STEPPED_DOWN,
  NOMINATION_CHANGED,
  RECONFIRMATION_CHANGED,
} from '@joinedup/programmes';
import { MILESTONE_CHANGED, RECOGNITION_CHANGED } from '@joinedup/recognition';
import { ROLE_ASSIGNMENT_CHANGED, ROLE_CHANGED } from '@joinedup/roles';
import { Barrier, Severity, SubjectType } from './barriers';

/**
 * What the engine tells webhook receivers: a stored contract, so names and payload
 * fields change only by adding.
 */
export const GOVERNANCE_EVENT = {
  flagRaised: 'flag.raised',
  flagResolved: 'flag.resolved',
  healthChanged: 'health.changed',
} as const;

export type GovernanceEventType = (typeof GOVERNANCE_EVENT)[keyof typeof GOVERNANCE_EVENT];
export const GOVERNANCE_EVENT_TYPES = Object.values(GOVERNANCE_EVENT) as GovernanceEventType[];

export interface FlagEventData {
  flagId: string;
  ruleCode: string;
  barrier: Barrier;
  severity: Severity;
  subjectType: SubjectType;
  subjectId: string;
  localityId: string | null;
  programmeId: string | null;
  organisationId: string | null;
  message: string;
  evidence: Record<string, unknown>;
  /** flag.raised: when it was raised; flag.resolved: when it resolved (the scan's instant). */
  at: string;
}

export interface HealthChangedData {
  subjectType: 'PROGRAMME' | 'LOCALITY';
  subjectId: string;
  localityId: string;
  previousOverall: number;
  overall: number;
  barriers: Record<Barrier, number>;
  scanId: string;
  at: string;
}

export type GovernanceEvent =
  | { type: typeof GOVERNANCE_EVENT.flagRaised | typeof GOVERNANCE_EVENT.flagResolved; data: FlagEventData }
  | { type: typeof GOVERNANCE_EVENT.healthChanged; data: HealthChangedData };

/** Outbox event: a scan was asked for (by a coordinator, or by the demo loader); the worker queues it. */
export const SCAN_REQUESTED = 'governance.scan_requested';
export type ScanRequestedPayload = { scanId: string; localityId: string | null };

/**
 * Outbox events after which a locality's flags may have changed: each queues a debounced
 * rescan of the locality it names (or of its programme's locality).
 */
export const RESCAN_EVENTS: readonly string[] = [
  'membership.changed',
  'programme.created',
  'programme.changed',
  NOMINATION_CHANGED,
  ENDORSEMENT_CHANGED,
  LEADER_AGREED,
  LEADER_STEPPED_DOWN,
  RECONFIRMATION_CHANGED,
  ROLE_CHANGED,
  ROLE_ASSIGNMENT_CHANGED,
  CONFLICT_PROCESS_CHANGED,
  CONFLICT_CHANGED,
  MEASURE_CHANGED,
  REVIEW_CHANGED,
  ACTION_CHANGED,
  BRIEFING_CHANGED,
  BRIEFING_ACKNOWLEDGEMENT_CHANGED,
  ALIGNMENT_REQUEST_CHANGED,
  MILESTONE_CHANGED,
  RECOGNITION_CHANGED,
];
