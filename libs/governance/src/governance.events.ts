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
