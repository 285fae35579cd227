import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job, JobsOptions, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { DATA_SOURCE, TenantDb } from '@joinedup/database';
import {
  DomainEventJob,
  DomainEventSubscribers,
  QueueFactory,
  failedForGood,
  failureLine,
  isConnectionError,
  jobProcessor,
} from '@joinedup/jobs';
import { DOMAIN_EVENT, DOMAIN_EVENT_NAMES, DomainEvent, onEvent, scopeOf } from '@joinedup/events';
import { safeErrorMessage } from '@joinedup/logging';
import { GovernanceScanner } from './governance-scanner';
import { nameBasedUuid } from './name-based-uuid';
import { GOVERNANCE_JOB, GOVERNANCE_QUEUE, ScanJob, dailyScanSchedulerId, debouncedRescan, requestedScanJobId } from './governance.jobs';
import { ScanJobs, UnfinishedScan } from './scan-jobs';
import { SCAN_ABANDONED } from './scan-verdict';

const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;
const SYNC_SCHEDULES_EVERY_MS = 10 * 60_000;

/**
 * The worker's side of the engine: runs scans from the governance queue, queues
 * rescans (debounced) where a domain event's scope says, queues requested scans, keeps
 * a daily scan scheduled for every tenant, and ends scans whose jobs will never finish.
 */
@Injectable()
export class GovernanceScanWorker implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('GovernanceScans');
  private queue!: Queue;
  private worker?: Worker;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopping = false;

  constructor(
    private readonly queues: QueueFactory,
    private readonly subscribers: DomainEventSubscribers,
    private readonly scanner: GovernanceScanner,
    private readonly db: TenantDb,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scanJobs: ScanJobs,
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
    this.worker.on('failed', (job, error) => {
      if (!job) return;
      this.logger.warn(failureLine(job, error));
      // A job refused a further start (its worker died on each try) never ran the scan's
      // own error handler: its row still says RUNNING.
      if (job.name === GOVERNANCE_JOB.scan && failedForGood(job)) void this.abandoned(job as Job<ScanJob>);
    });
    // The outage itself is reported once by the queue factory (JobsModule); without a
    // listener BullMQ would print every failed reconnect.
    this.worker.on('error', (error) => {
      if (this.queues.connected && !isConnectionError(error)) this.logger.warn(`Queue problem: ${error.message}`);
    });
    // The schedules live in the queue store, which may lose them (a Redis restarted empty):
    // they are declared at start, whenever the store is reachable again, and every
    // SYNC_SCHEDULES_EVERY_MS by this process itself.
    this.queues.onReconnected(() => this.every(0, () => this.syncSchedules()));
    this.every(SYNC_SCHEDULES_EVERY_MS, () => this.syncSchedules());
    this.every(this.config.governance.scanReconcileMs, () => this.reconcile());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.timers.forEach(clearTimeout);
    await this.worker?.close(!this.queues.connected);
  }

  /** Runs `task` now (after `0` ms) and, when `intervalMs` > 0, again that long after each run ends. */
  private every(intervalMs: number, task: () => Promise<unknown>, delay = 0): void {
    if (this.stopping) return;
    const timer = setTimeout(async () => {
      this.timers.splice(this.timers.indexOf(timer), 1);
      await task().catch(
        (error: Error) => this.stopping || this.logger.warn(`Governance housekeeping will retry: ${safeErrorMessage(error)}`),
      );
      if (intervalMs > 0) this.every(intervalMs, task, intervalMs);
    }, delay);
    this.timers.push(timer);
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
    const scanId = this.scanIdOf(job);
    await this.db.run({ tenantId }, () =>
      this.db.query(
        `insert into governance_scan (tenant_id, id, locality_id, trigger, state, started_at, attempts, job_id)
         values ($1, $2, $3, $4, 'RUNNING', now(), 1, $5)
         on conflict (tenant_id, id) do update
            set state = 'RUNNING', started_at = now(), attempts = governance_scan.attempts + 1, error = null, job_id = $5`,
        [tenantId, scanId, localityId, trigger, job.id],
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

  private scanIdOf(job: Job<ScanJob>): string {
    return job.data.scanId ?? nameBasedUuid(`joinedup.governance_scan:${job.id}`);
  }

  /** Ends the scan of a job that failed for good without its handler (still RUNNING). */
  private async abandoned(job: Job<ScanJob>): Promise<void> {
    try {
      await this.db.run({ tenantId: job.data.tenantId }, () => this.scanJobs.fail(this.scanIdOf(job), SCAN_ABANDONED));
    } catch (error) {
      this.logger.warn(`Scan of job ${job.id} not marked FAILED yet (the next check will): ${safeErrorMessage(error as Error)}`);
    }
  }

  /**
   * Checks every tenant's unfinished scans older than one check interval against their
   * jobs, and ends those that will never finish. Every replica runs it; ending a scan is
   * one conditional update, so two replicas ending the same scan do no harm.
   */
  private async reconcile(): Promise<{ ended: number }> {
    const tenants = (await this.dataSource.query(`select id from governance_tenant_ids() as t(id)`)) as { id: string }[];
    let ended = 0;
    for (const { id: tenantId } of tenants) {
      if (this.stopping) break;
      ended += await this.db.run({ tenantId }, async () => {
        const scans = await this.db.query<UnfinishedScan>(
          `select id, state, trigger, job_id as "jobId" from governance_scan
            where state in ('QUEUED', 'RUNNING') and queued_at < now() - make_interval(secs => $1::float8 / 1000)
            order by queued_at limit 1000`,
          [this.config.governance.scanReconcileMs],
        );
        let count = 0;
        for (const scan of scans) {
          const reason = await this.scanJobs.deadReason(scan);
          if (reason && (await this.scanJobs.fail(scan.id, reason))) count++;
        }
        return count;
      });
    }
    if (ended) this.logger.warn(`Ended ${ended} governance scan(s) whose jobs will never finish`);
    return { ended };
  }

  /** A coordinator's request: its scan row exists (QUEUED); the job carries its id, so it is queued once. */
  private async queueRequested(event: DomainEvent<typeof DOMAIN_EVENT.scanRequested>): Promise<void> {
    const { scanId, localityId } = event.payload;
    await this.queue.add(
      GOVERNANCE_JOB.scan,
      { tenantId: event.tenantId, localityId, trigger: 'REQUEST', scanId },
      { ...this.retries, jobId: requestedScanJobId(scanId) },
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

  /**
   * A daily full scan per tenant (upserted by id, so every replica may declare it). The
   * tenant table shows each tenant only itself, so the tenants come from
   * governance_tenant_ids(), which returns their ids and nothing else. It runs on this
   * process's own timer, not as a job: a queue store that lost its data lost that job too.
   * (Sync jobs queued by earlier versions still run it.)
   */
  private async syncSchedules(): Promise<{ tenants: number }> {
    await this.queue.removeJobScheduler(GOVERNANCE_JOB.syncSchedules);
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
