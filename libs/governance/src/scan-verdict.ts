/** What the queue says of an unfinished scan's job (BullMQ's job states, or gone). */
export type JobState = 'waiting' | 'active' | 'delayed' | 'prioritized' | 'waiting-children' | 'completed' | 'failed' | 'missing';

/** What the engine knows of an unfinished scan (QUEUED or RUNNING) and of its job. */
export interface ScanEvidence {
  state: 'QUEUED' | 'RUNNING';
  /** A requested scan whose outbox event the relay has not queued yet (null: no such event, or not asked). */
  eventPending: boolean | null;
  /** The domain-events job carrying that event ('missing' when there is none or none was asked). */
  eventJob: JobState;
  /** The scan's own job. */
  scanJob: JobState;
}

export const SCAN_LOST = "The scan's job was lost from the job queue (its data was lost); request a new scan.";
export const SCAN_ABANDONED = 'The scan was stopped before it finished on each of its tries (its worker ended); request a new scan.';

const PENDING: readonly JobState[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];

/**
 * Whether an unfinished scan can still finish (null), or why it never will. Each stage is
 * made before the one before it is marked done (the relay queues the event's job, then
 * marks the event dispatched; the event's handler queues the scan's job, then completes),
 * so reading them in that order never takes a scan in transit for a lost one.
 */
export function deadScanReason(scan: ScanEvidence): string | null {
  if (PENDING.includes(scan.scanJob)) return null;
  if (scan.scanJob === 'failed') return SCAN_ABANDONED;
  if (scan.scanJob === 'missing' && scan.state === 'QUEUED' && (scan.eventPending || PENDING.includes(scan.eventJob))) return null;
  // Gone, or completed without the scan row saying so (its transaction never committed).
  return SCAN_LOST;
}
