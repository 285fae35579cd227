import { OutboxWriter } from '@joinedup/database';
import { ConflictStatus } from './conflict-lifecycle';

/**
 * Outbox events of conflict resolution: stored contracts (the governance engine and its
 * rescans read them), so names and payloads change only by adding. Each carries the
 * locality and, where there is one, the programme, so a rescan can be targeted. No
 * payload carries a conflict's title, description, comments or outcome.
 */

/** A process got a new draft version, its draft changed, or a version was agreed. */
export const CONFLICT_PROCESS_CHANGED = 'conflicts.process_changed';
export interface ConflictProcessChangedPayload {
  localityId: string;
  /** Null for a locality's own process (the default for its programmes). */
  programmeId: string | null;
  processId: string;
  versionId: string;
  version: number;
  change: 'DRAFTED' | 'AGREED';
  /** AGREED: the date the partnership agreed it, YYYY-MM-DD. */
  agreedOn?: string;
}

/** A conflict was raised, moved through its lifecycle, or commented on. */
export const CONFLICT_CHANGED = 'conflicts.conflict_changed';
export interface ConflictChangedPayload {
  localityId: string;
  programmeId: string | null;
  conflictId: string;
  change: 'RAISED' | 'ACKNOWLEDGED' | 'RESOLUTION_STARTED' | 'ESCALATED' | 'RESOLVED' | 'CLOSED_UNRESOLVED' | 'COMMENTED';
  status: ConflictStatus;
  /** In resolution: the stage, and when it is due (YYYY-MM-DD). */
  stage: number | null;
  stageDueOn: string | null;
}

export interface ConflictEvents {
  [CONFLICT_PROCESS_CHANGED]: ConflictProcessChangedPayload;
  [CONFLICT_CHANGED]: ConflictChangedPayload;
}

/** Records a conflicts event with the payload its name calls for. */
export function recordConflictEvent<K extends keyof ConflictEvents>(
  outbox: OutboxWriter,
  type: K,
  payload: ConflictEvents[K],
): Promise<string> {
  return outbox.record(type, { ...payload });
}
