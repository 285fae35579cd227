import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, TenantDb } from '@joinedup/database';
import { DomainEventSubscribers } from './domain-event-subscribers';
import { jobProcessor } from './job-processor';
import { OutboxRelay } from './outbox-relay';
import { QueueFactory } from './queue-factory';
import { DomainEventJob, MAINTENANCE_JOB, QUEUE } from './queue-names';

const RELAY_INTERVAL_MS = 500;
const HEARTBEAT_EVERY_MS = 30_000;

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

  constructor(
    private readonly queues: QueueFactory,
    private readonly subscribers: DomainEventSubscribers,
    private readonly db: TenantDb,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.dataSource, this.queues.queue(QUEUE.domainEvents, { failFast: true }));

    this.workers.push(
      this.queues.worker(QUEUE.domainEvents, (job: Job<DomainEventJob>) => this.deliver(job.data)),
      this.queues.worker(
        QUEUE.maintenance,
        jobProcessor(QUEUE.maintenance, Object.values(MAINTENANCE_JOB), {
          [MAINTENANCE_JOB.heartbeat]: async () => {
            this.logger.debug('heartbeat');
            return { at: new Date().toISOString() };
          },
        }),
      ),
    );
    for (const worker of this.workers) {
      worker.on('failed', (job, error) => this.logger.warn(`Job ${job?.name} (${job?.id}) failed: ${error.message}`));
      worker.on('error', (error) => this.logger.warn(`Queue connection problem: ${error.message}`));
    }
    // A scheduler is upserted by id, so every replica can declare it without duplicates.
    await this.queues
      .queue(QUEUE.maintenance)
      .upsertJobScheduler(MAINTENANCE_JOB.heartbeat, { every: HEARTBEAT_EVERY_MS }, { name: MAINTENANCE_JOB.heartbeat });
    this.scheduleRelay(0);
    this.logger.log(`Worker started: outbox relay, domain events, maintenance; queues on ${this.queues.describe()}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.relayTimer);
    await this.relaying;
    await Promise.allSettled(this.workers.map((w) => w.close()));
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
        .catch((error: Error) => this.logger.warn(`Outbox relay will retry: ${error.message}`))
        .then(() => this.scheduleRelay(RELAY_INTERVAL_MS));
    }, delay);
  }
}
