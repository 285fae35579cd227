import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { safeErrorMessage } from '@joinedup/logging';
import { DATA_SOURCE, TenantDb } from '@joinedup/database';
import { DomainEventSubscribers } from './domain-event-subscribers';
import { failureLine } from './failure-line';
import { jobProcessor } from './job-processor';
import { OutboxRelay } from './outbox-relay';
import { QueueFactory, isConnectionError } from './queue-factory';
import { DomainEventJob, MAINTENANCE_JOB, QUEUE } from './queue-names';
import { runRetentionPurges } from './retention';

const RELAY_INTERVAL_MS = 500;
const HEARTBEAT_EVERY_MS = 30_000;
const PURGE_EVERY_MS = 3600_000;

/**
 * What a worker process runs: the outbox relay loop, the domain-event consumer and the
 * maintenance queue. Several replicas may run it at once.
 */
@Injectable()
export class WorkerRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private relayTimer?: NodeJS.Timeout;
  private relaying?: Promise<void>;
  private stopping = false;
  private relay!: OutboxRelay;
  private maintenance!: Queue;

  constructor(
    private readonly queues: QueueFactory,
    private readonly subscribers: DomainEventSubscribers,
    private readonly db: TenantDb,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.dataSource, this.queues.queue(QUEUE.domainEvents, { failFast: true }), {
      attempts: this.config.jobAttempts,
      backoffMs: this.config.jobBackoffMs,
    });

    this.maintenance = this.queues.queue(QUEUE.maintenance);
    this.workers.push(
      this.queues.worker(QUEUE.domainEvents, (job: Job<DomainEventJob>) => this.deliver(job.data)),
      this.queues.worker(
        QUEUE.maintenance,
        jobProcessor(QUEUE.maintenance, Object.values(MAINTENANCE_JOB), {
          [MAINTENANCE_JOB.heartbeat]: async () => {
            this.logger.debug('heartbeat');
            return { at: new Date().toISOString() };
          },
          [MAINTENANCE_JOB.purgeExpired]: async () => {
            const deleted = await runRetentionPurges(this.dataSource, this.config);
            const done = Object.entries(deleted).filter(([, count]) => count > 0);
            if (done.length) this.logger.log(`Purged ${done.map(([name, count]) => `${count} ${name}`).join(', ')}`);
            return deleted;
          },
        }),
      ),
    );
    for (const worker of this.workers) {
      worker.on('failed', (job, error) => job && this.logger.warn(failureLine(job, error)));
      // Connection errors repeat with every reconnect attempt; the queue factory reports
      // the outage once (JobsModule), so only other errors are logged here.
      worker.on('error', (error) => {
        if (this.queues.connected && !isConnectionError(error)) this.logger.warn(`Queue problem: ${error.message}`);
      });
    }
    // Declared in the background: while the queue store is unreachable the worker still
    // starts (and says so), and the schedules are written when it is back. A store that
    // comes back may have lost them (a Redis restarted empty): declared again each time.
    const declare = () =>
      void this.declareSchedules().catch(
        (error: Error) => this.stopping || this.logger.warn(`Maintenance jobs not scheduled: ${error.message}`),
      );
    declare();
    this.queues.onReconnected(declare);
    this.scheduleRelay(0);
    this.logger.log(`Worker started: outbox relay, domain events, maintenance; queues on ${this.queues.describe()}`);
  }

  /** A scheduler is upserted by id, so every replica can declare it without duplicates. */
  private async declareSchedules(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      MAINTENANCE_JOB.heartbeat,
      { every: HEARTBEAT_EVERY_MS },
      { name: MAINTENANCE_JOB.heartbeat },
    );
    await this.maintenance.upsertJobScheduler(
      MAINTENANCE_JOB.purgeExpired,
      { every: PURGE_EVERY_MS },
      {
        name: MAINTENANCE_JOB.purgeExpired,
        opts: { attempts: this.config.jobAttempts, backoff: { type: 'exponential', delay: this.config.jobBackoffMs } },
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.relayTimer);
    await this.relaying;
    // A worker waits for its running jobs before it closes, which never happens while the
    // queue store is unreachable (they cannot be marked done); they are taken up again as
    // stalled jobs after the restart.
    const force = !this.queues.connected;
    await Promise.allSettled(this.workers.map((w) => w.close(force)));
  }

  /** Runs every subscriber of the event under the event's tenant. */
  private async deliver(event: DomainEventJob): Promise<void> {
    for (const handler of this.subscribers.handlersFor(event.type)) {
      await this.db.run({ tenantId: event.tenantId }, () => handler(event));
    }
  }

  private scheduleRelay(delay: number): void {
    if (this.stopping) return;
    this.relayTimer = setTimeout(() => {
      this.relaying = this.relay
        .relayOnce()
        .then((count) => count && this.logger.debug(`Relayed ${count} outbox event(s)`))
        // While the queue store is down the outage is logged once, not every pass.
        .catch((error: Error) =>
          this.queues.connected
            ? this.logger.warn(`Outbox relay will retry: ${safeErrorMessage(error)}`)
            : this.logger.debug(`Outbox relay waits for the queue store: ${safeErrorMessage(error)}`),
        )
        .then(() => this.scheduleRelay(RELAY_INTERVAL_MS));
    }, delay);
  }
}
