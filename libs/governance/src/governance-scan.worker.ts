import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job, JobsOptions, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { DATA_SOURCE, TenantDb } from '@joinedup/database';
import { DomainEventJob, DomainEventSubscribers, QueueFactory, failureLine, jobProcessor } from '@joinedup/jobs';
import { DOMAIN_EVENT, DOMAIN_EVENT_NAMES, DomainEvent, onEvent, scopeOf } from '@joinedup/events';
import { safeErrorMessage } from '@joinedup/logging';
import { GovernanceScanner } from './governance-scanner';
import { nameBasedUuid } from './name-based-uuid';
import { GOVERNANCE_JOB, GOVERNANCE_QUEUE, ScanJob, dailyScanSchedulerId, debouncedRescan } from './governance.jobs';

const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;
const SYNC_SCHEDULES_EVERY_MS = 10 * 60_000;

/**
 * The worker's side of the engine: runs scans from the governance queue, queues
 * rescans (debounced) where a domain event's scope says, queues requested scans, and keeps
 * a daily scan scheduled for every tenant.
 */
@Injectable()
export class GovernanceScanWorker implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GovernanceScans');
  private queue!: Queue;
  private worker?: Worker;

  constructor(
    private readonly queues: QueueFactory,
    private readonly subscribers: DomainEventSubscribers,
    private readonly scanner: GovernanceScanner,
    private readonly db: TenantDb,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Subscribed before any bootstrap hook starts consuming domain events: an event nobody hears is dropped. */
  onModuleInit(): void {
    this.queue = this.queues.queue(GOVERNANCE_QUEUE);
    onEvent(this.subscribers, DOMAIN_EVENT.scanRequested, (event) => this.queueRequested(event));
    // Every catalogued event, so a new one cannot be left out; its scope decides what is rescanned.
    for (const type of DOMAIN_EVENT_NAMES) this.subscribers.subscribe(type, (event) => this.queueRescan(event));
  }

  onApplicationBootstrap(): void {
    this.worker = this.queues.worker(
      GOVERNANCE_QUEUE,
      jobProcessor(GOVERNANCE_QUEUE, Object.values(GOVERNANCE_JOB), {
        [GOVERNANCE_JOB.scan]: (job) => this.runScan(job as Job<ScanJob>),
        [GOVERNANCE_JOB.syncSchedules]: () => this.syncSchedules(),
      }),
      this.config.governance.scanConcurrency,
    );
    this.worker.on('failed', (job, error) => job && this.logger.warn(failureLine(job, error)));
    void this.declareSync().catch((error: Error) => this.logger.warn(`Governance scans not scheduled yet: ${safeErrorMessage(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close(!this.queues.connected);
  }

  private get retries(): JobsOptions {
    return {
      attempts: this.config.jobAttempts,
      backoff: { type: 'exponential', delay: this.config.jobBackoffMs },
      removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
      removeOnFail: { age: KEEP_FAILED_SECONDS },
    };
  }

  /** Runs one scan; its row says RUNNING while it runs and FAILED (with why) if a try fails. */
  private async runScan(job: Job<ScanJob>) {
    const { tenantId, localityId, trigger } = job.data;
    // A scheduled or event scan's row is named after its job, so a retry updates the same row.
    const scanId = job.data.scanId ?? nameBasedUuid(`joinedup.governance_scan:${job.id}`);
    await this.db.run({ tenantId }, () =>
      this.db.query(
        `insert into governance_scan (tenant_id, id, locality_id, trigger, state, started_at, attempts)
         values ($1, $2, $3, $4, 'RUNNING', now(), 1)
         on conflict (tenant_id, id) do update
            set state = 'RUNNING', started_at = now(), attempts = governance_scan.attempts + 1, error = null`,
        [tenantId, scanId, localityId, trigger],
      ),
    );
    try {
      const asOf = job.data.asOf ? new Date(job.data.asOf) : undefined;
      if (asOf && Number.isNaN(asOf.getTime())) throw new Error(`The scan's asOf "${job.data.asOf}" is not an instant`);
      return await this.scanner.scan({ tenantId, localityId, asOf, scanId, trigger });
    } catch (error) {
      await this.db.run({ tenantId }, () =>
        this.db.query(`update governance_scan set state = 'FAILED', finished_at = now(), error = $2 where id = $1`, [
          scanId,
          safeErrorMessage(error as Error).slice(0, 2000),
        ]),
      );
      throw error;
    }
  }

  /** A coordinator's request: its scan row exists (QUEUED); the job carries its id, so it is queued once. */
  private async queueRequested(event: DomainEvent<typeof DOMAIN_EVENT.scanRequested>): Promise<void> {
    const { scanId, localityId } = event.payload;
    await this.queue.add(
      GOVERNANCE_JOB.scan,
      { tenantId: event.tenantId, localityId, trigger: 'REQUEST', scanId },
      { ...this.retries, jobId: `governance-scan.${scanId}` },
    );
  }

  /**
   * A change where the event's scope says: one rescan per locality and debounce window, and
   * one full scan of the tenant per window when it may change a tenant-wide rule's findings.
   */
  private async queueRescan(event: DomainEventJob): Promise<void> {
    const scope = scopeOf(event.type, event.payload);
    const localityIds = scope.localityIds.length ? scope.localityIds : [await this.programmeLocality(event.payload)];
    const scopes = [...localityIds.filter((id): id is string => !!id), ...(scope.tenantWide ? [null] : [])];
    for (const localityId of scopes) {
      const { jobId, delay } = debouncedRescan(event.tenantId, localityId ?? 'tenant', this.config.governance.rescanDebounceMs);
      await this.queue.add(GOVERNANCE_JOB.scan, { tenantId: event.tenantId, localityId, trigger: 'EVENT' }, { ...this.retries, jobId, delay });
    }
  }

  /** An event recorded before its payload named the locality: its programme's (read in the event's tenant transaction). */
  private async programmeLocality(payload: Record<string, unknown>): Promise<string | null> {
    if (typeof payload.programmeId !== 'string') return null;
    const [programme] = await this.db.query<{ locality_id: string }>(`select locality_id from programme where id = $1`, [
      payload.programmeId,
    ]);
    return programme?.locality_id ?? null;
  }

  /** Every replica declares the sync (upserted by id), and runs one at start. */
  private async declareSync(): Promise<void> {
    await this.queue.upsertJobScheduler(
      GOVERNANCE_JOB.syncSchedules,
      { every: SYNC_SCHEDULES_EVERY_MS },
      { name: GOVERNANCE_JOB.syncSchedules, opts: this.retries },
    );
  }

  /**
   * A daily full scan per tenant. The tenant table shows each tenant only itself, so the
   * tenants come from governance_tenant_ids(), which returns their ids and nothing else.
   */
  private async syncSchedules(): Promise<{ tenants: number }> {
    const tenants = (await this.dataSource.query(`select id from governance_tenant_ids() as t(id)`)) as { id: string }[];
    for (const { id } of tenants) {
      await this.queue.upsertJobScheduler(
        dailyScanSchedulerId(id),
        { pattern: this.config.governance.scanCron, tz: 'UTC' },
        { name: GOVERNANCE_JOB.scan, data: { tenantId: id, localityId: null, trigger: 'SCHEDULE' }, opts: this.retries },
      );
    }
    return { tenants: tenants.length };
  }
}
