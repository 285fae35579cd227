import { ScanTrigger } from './governance-scanner';

/**
 * The governance queue and its jobs: a stored contract with jobs already queued, so
 * names change only with a migration of the queued jobs.
 */
export const GOVERNANCE_QUEUE = 'governance';

export const GOVERNANCE_JOB = {
  /** One scan of a tenant or of one of its localities. */
  scan: 'governance-scan',
  /** Makes sure every tenant has its daily scan scheduled. */
  syncSchedules: 'sync-scan-schedules',
} as const;

export interface ScanJob {
  tenantId: string;
  localityId: string | null;
  trigger: ScanTrigger;
  /** A requested scan's row (QUEUED by the API); scheduled and event scans get theirs from the job id. */
  scanId?: string;
  /** ISO instant the rules judge (replays); now when absent. */
  asOf?: string;
}

/** The job id of a requested scan: its row's id, so it is queued once. */
export const requestedScanJobId = (scanId: string) => `governance-scan.${scanId}`;

/** The id of a tenant's daily scan scheduler. */
export const dailyScanSchedulerId = (tenantId: string) => `governance-daily-scan.${tenantId}`;

/**
 * The job id of a locality's debounced rescan: every change within one window of
 * `debounceMs` maps to the same id, so a burst of changes queues one scan, run at the
 * window's end (after every change of the window has committed).
 */
export function debouncedRescan(tenantId: string, localityId: string, debounceMs: number, now = Date.now()) {
  if (debounceMs <= 0) return { jobId: `governance-rescan.${tenantId}.${localityId}.${now}`, delay: 0 };
  const window = Math.floor(now / debounceMs);
  return { jobId: `governance-rescan.${tenantId}.${localityId}.${window}`, delay: (window + 1) * debounceMs - now };
}
