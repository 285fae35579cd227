import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { TenantDb } from '@joinedup/database';
import { QUEUE, QueueFactory } from '@joinedup/jobs';
import { DOMAIN_EVENT } from '@joinedup/events';
import { GOVERNANCE_QUEUE, requestedScanJobId } from './governance.jobs';
import { JobState, deadScanReason } from './scan-verdict';

/** An unfinished scan as the checks below need it. */
export interface UnfinishedScan {
  id: string;
  state: 'QUEUED' | 'RUNNING';
  trigger: string;
  jobId: string | null;
}

/** The longest a check waits for the queue store; a scan that cannot be checked is left alone. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * Checks unfinished scans against their jobs, and ends the ones that will never finish
 * (FAILED, with why). Runs in the caller's tenant transaction.
 */
@Injectable()
export class ScanJobs {
  private queues?: { scans: Queue; events: Queue };

  constructor(
    private readonly db: TenantDb,
    private readonly factory: QueueFactory,
  ) {}

  /** Why the scan will never finish, or null while it may (or when the queue store cannot tell). */
  async deadReason(scan: UnfinishedScan): Promise<string | null> {
    const requested = scan.trigger === 'REQUEST';
    const jobId = scan.jobId ?? (requested ? requestedScanJobId(scan.id) : null);
    if (!jobId) return null;
    try {
      return await withTimeout(this.inspect(scan, jobId, requested), CHECK_TIMEOUT_MS);
    } catch {
      return null;
    }
  }

  /** Ends a scan that is still unfinished as FAILED; false when it had finished meanwhile. */
  async fail(scanId: string, reason: string): Promise<boolean> {
    const rows = await this.db.query(
      `update governance_scan set state = 'FAILED', finished_at = now(), error = $2
        where id = $1 and state in ('QUEUED', 'RUNNING') returning id`,
      [scanId, reason],
    );
    return rows.length > 0;
  }

  /** Outbox first, then the event's job, then the scan's: see deadScanReason. */
  private async inspect(scan: UnfinishedScan, jobId: string, requested: boolean): Promise<string | null> {
    let eventPending: boolean | null = null;
    let eventJob: JobState = 'missing';
    const queues = (this.queues ??= {
      scans: this.factory.queue(GOVERNANCE_QUEUE, { failFast: true }),
      events: this.factory.queue(QUEUE.domainEvents, { failFast: true }),
    });
    if (requested && scan.state === 'QUEUED') {
      const [event] = await this.db.query<{ id: string; pending: boolean }>(
        `select id, dispatched_at is null as pending from outbox_event where type = $1 and payload->>'scanId' = $2 limit 1`,
        [DOMAIN_EVENT.scanRequested, scan.id],
      );
      eventPending = event?.pending ?? false;
      // Still in the outbox: nothing to ask the queue store (which may well be down).
      if (eventPending) return null;
      if (event) eventJob = stateOf(await queues.events.getJobState(event.id));
    }
    const scanJob = stateOf(await queues.scans.getJobState(jobId));
    return deadScanReason({ state: scan.state, eventPending, eventJob, scanJob });
  }
}

const stateOf = (state: string): JobState => (state === 'unknown' ? 'missing' : (state as JobState));

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer from the job queue within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
