import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { openTenantTransaction } from '@joinedup/database';
import { DomainEventJob } from './queue-names';

export interface OutboxRelayOptions {
  /** Events moved per tenant per pass. */
  batchSize?: number;
  /** How long to wait for the queue before giving up on a pass (the events stay). */
  enqueueTimeoutMs?: number;
  /** Tries of each job before it stays in the failed set. */
  attempts?: number;
  /** Delay before the first retry; it doubles with each further one. */
  backoffMs?: number;
  /** Tenants served per pass, those waiting longest first. */
  tenantsPerPass?: number;
}

/** How long finished jobs stay visible in the queue store. */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;

interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

/**
 * Moves committed outbox events to the job queue. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so relays on several workers never take the same event, and are
 * marked dispatched only after the queue accepted them. The event id is the job id, so
 * an event re-sent after a crash between the two steps is not queued twice.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly enqueueTimeoutMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly tenantsPerPass: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: Queue,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 5000;
    this.attempts = options.attempts ?? 5;
    this.backoffMs = options.backoffMs ?? 1000;
    this.tenantsPerPass = options.tenantsPerPass ?? 1000;
  }

  /**
   * One pass over the tenants with waiting events, the longest-waiting first, each
   * limited to one batch so a busy tenant cannot hold up the others; returns how many
   * events were queued.
   */
  async relayOnce(): Promise<number> {
    const tenants = (await this.dataSource.query(
      `select id from tenants_with_pending_outbox($1) with ordinality as t(id, n) order by n`,
      [this.tenantsPerPass],
    )) as { id: string }[];
    let relayed = 0;
    for (const { id } of tenants) relayed += await this.relayTenant(id);
    return relayed;
  }

  private async relayTenant(tenantId: string): Promise<number> {
    // Each tenant's events are read under that tenant's row-level security.
    const transaction = await openTenantTransaction(this.dataSource, { tenantId });
    try {
      const events = (await transaction.manager.query(
        `select id, type, payload, created_at from outbox_event
          where dispatched_at is null
          order by created_at
          limit $1
          for update skip locked`,
        [this.batchSize],
      )) as OutboxRow[];
      if (events.length) {
        await this.enqueue(tenantId, events);
        await transaction.manager.query(`update outbox_event set dispatched_at = now() where id = any($1::uuid[])`, [
          events.map((e) => e.id),
        ]);
      }
      await transaction.finish(true);
      return events.length;
    } catch (error) {
      await transaction.finish(false);
      throw error;
    }
  }

  private async enqueue(tenantId: string, events: OutboxRow[]): Promise<void> {
    const jobs = events.map((event) => ({
      name: event.type,
      data: {
        tenantId,
        eventId: event.id,
        type: event.type,
        payload: event.payload,
        occurredAt: event.created_at.toISOString(),
      } satisfies DomainEventJob,
      opts: {
        jobId: event.id,
        attempts: this.attempts,
        backoff: { type: 'exponential', delay: this.backoffMs },
        removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
        removeOnFail: { age: KEEP_FAILED_SECONDS },
      },
    }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('The job queue did not answer in time')), this.enqueueTimeoutMs);
    });
    try {
      await Promise.race([this.queue.addBulk(jobs), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
