import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job, JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { DomainEventSubscribers, QueueFactory, failureLine, isConnectionError, jobProcessor } from '@joinedup/jobs';
import { DOMAIN_EVENT, DomainEvent, onEvent } from '@joinedup/events';
import { safeErrorMessage } from '@joinedup/logging';
import { WebhookAddressError, parseWebhookUrl, resolveWebhookHost } from './webhook-address';
import { WebhookOutcome, postWebhook } from './webhook-sender';
import { WebhookSecretUnreadable, openWebhookSecret } from './webhook-secret-box';
import { webhookSignature } from './webhook-signature';
import {
  DeliverWebhookJob,
  WEBHOOK_HEADERS,
  WEBHOOK_JOB,
  WEBHOOK_QUEUE,
  WEBHOOK_USER_AGENT,
} from './webhook.contract';

/** The delivery log in the database is the record; finished jobs need not stay long. */
const KEEP_COMPLETED_SECONDS = 24 * 3600;
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;
/** Deliveries mostly wait on receivers, so one slow receiver should not hold up the others. */
const CONCURRENT_DELIVERIES = 10;

interface DeliveryTarget {
  state: 'PENDING' | 'DELIVERED' | 'FAILED';
  event_type: string;
  /** The stored payload as text: the exact bytes sent and signed, the same on every attempt. */
  body: string;
  url: string;
  tenant_id: string;
  endpoint_id: string;
  secret_sealed: Buffer;
  active: boolean;
}

type Attempt = { outcome: WebhookOutcome; permanent: boolean };

/**
 * The worker side of webhooks: queues one job per delivery the scans created (from the
 * outbox, so none is lost while the queue store is down), and sends them. A send reads
 * the delivery in one short transaction, calls the receiver with no transaction open, and
 * records the attempt in a second one; a failed attempt throws, so BullMQ retries it with
 * exponential backoff, and the last one marks the delivery FAILED.
 */
@Injectable()
export class WebhookWorker implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private queue!: Queue;
  private worker?: Worker<DeliverWebhookJob>;

  constructor(
    private readonly queues: QueueFactory,
    private readonly subscribers: DomainEventSubscribers,
    private readonly db: TenantDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Subscribed before any bootstrap hook starts consuming domain events: an event nobody hears is dropped. */
  onModuleInit(): void {
    this.queue = this.queues.queue(WEBHOOK_QUEUE);
    onEvent(this.subscribers, DOMAIN_EVENT.webhookDeliveriesCreated, (event) => this.enqueue(event));
  }

  onApplicationBootstrap(): void {
    const worker = this.queues.worker<DeliverWebhookJob>(
      WEBHOOK_QUEUE,
      jobProcessor(WEBHOOK_QUEUE, Object.values(WEBHOOK_JOB), { [WEBHOOK_JOB.deliver]: (job) => this.deliver(job) }),
      CONCURRENT_DELIVERIES,
      this.config.webhooks.attempts,
    );
    worker.on('failed', (job, error) => {
      if (!job) return;
      this.logger.warn(
        error instanceof UnrecoverableError
          ? `Job ${job.name} (${job.id}) failed on attempt ${job.attemptsMade}, it will not be retried: ${safeErrorMessage(error)}`
          : failureLine(job, error),
      );
    });
    worker.on('error', (error) => {
      if (this.queues.connected && !isConnectionError(error)) this.logger.warn(`Queue problem: ${error.message}`);
    });
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close(!this.queues.connected);
  }

  /** One job per delivery, its id the delivery's: the same event relayed twice queues nothing new. */
  private async enqueue(event: DomainEvent<typeof DOMAIN_EVENT.webhookDeliveriesCreated>): Promise<void> {
    const { deliveryIds } = event.payload;
    if (!Array.isArray(deliveryIds) || !deliveryIds.length) return;
    const opts: JobsOptions = {
      attempts: this.config.webhooks.attempts,
      backoff: { type: 'exponential', delay: this.config.webhooks.backoffMs },
      removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
      removeOnFail: { age: KEEP_FAILED_SECONDS },
    };
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: WEBHOOK_JOB.deliver,
        data: { tenantId: event.tenantId, deliveryId } satisfies DeliverWebhookJob,
        opts: { ...opts, jobId: deliveryId },
      })),
    );
  }

  private async deliver(job: Job<DeliverWebhookJob>): Promise<{ statusCode: number } | { skipped: string }> {
    const { tenantId, deliveryId } = job.data;
    const [target] = await this.db.run({ tenantId }, () =>
      this.db.query<DeliveryTarget>(
        `select d.state, d.event_type, d.payload::text as body, e.url, e.tenant_id, e.id as endpoint_id, e.secret_sealed, e.active
           from webhook_delivery d join webhook_endpoint e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id
          where d.id = $1`,
        [deliveryId],
      ),
    );
    // Sent already (a job run twice), or gone: nothing to do.
    if (!target || target.state !== 'PENDING') return { skipped: target ? target.state : 'not found' };
    if (!target.active) {
      await this.record(tenantId, deliveryId, 'FAILED', { ok: false, statusCode: null, error: 'Not sent: the endpoint was deactivated.' }, false);
      return { skipped: 'endpoint inactive' };
    }

    const { outcome, permanent } = await this.send(deliveryId, target);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const state = outcome.ok ? 'DELIVERED' : permanent || lastAttempt ? 'FAILED' : 'PENDING';
    await this.record(tenantId, deliveryId, state, outcome, true);
    if (outcome.ok) return { statusCode: outcome.statusCode };
    // An address refused now will be refused on every retry.
    if (permanent) throw new UnrecoverableError(outcome.error);
    throw new Error(outcome.error);
  }

  /**
   * The secret opened, the address check again (the host may resolve elsewhere by now),
   * then the signed POST to the checked addresses.
   */
  private async send(deliveryId: string, target: DeliveryTarget): Promise<Attempt> {
    const allowPrivate = this.config.webhooks.allowPrivateAddresses;
    try {
      const key = this.config.webhooks.secretKey;
      if (!key) throw new WebhookSecretUnreadable();
      const secret = openWebhookSecret(key, target.secret_sealed, {
        tenantId: target.tenant_id,
        endpointId: target.endpoint_id,
      });
      const url = parseWebhookUrl(target.url, allowPrivate);
      const addresses = await resolveWebhookHost(url, { allowPrivate });
      const headers = {
        'content-type': 'application/json',
        'user-agent': WEBHOOK_USER_AGENT,
        [WEBHOOK_HEADERS.event]: target.event_type,
        [WEBHOOK_HEADERS.delivery]: deliveryId,
        [WEBHOOK_HEADERS.signature]: webhookSignature(secret, target.body),
      };
      const outcome = await postWebhook({ url, addresses, body: target.body, headers, timeoutMs: this.config.webhooks.timeoutMs });
      return { outcome, permanent: false };
    } catch (error) {
      // A refused address stays refused; a secret sealed under another key needs rotating.
      if (error instanceof WebhookSecretUnreadable) {
        return { outcome: { ok: false, statusCode: null, error: `Not sent: ${error.message} Rotate the secret.` }, permanent: true };
      }
      if (!(error instanceof WebhookAddressError)) throw error;
      return { outcome: { ok: false, statusCode: null, error: error.message }, permanent: true };
    }
  }

  /** The attempt, in a short transaction of its own; only a delivery still PENDING changes. */
  private async record(tenantId: string, deliveryId: string, state: DeliveryTarget['state'], outcome: WebhookOutcome, attempted: boolean) {
    const statusCode = outcome.statusCode !== null && outcome.statusCode >= 100 && outcome.statusCode <= 599 ? outcome.statusCode : null;
    await this.db.run({ tenantId }, () =>
      this.db.query(
        `update webhook_delivery
            set state = $2, attempts = attempts + $3::int,
                last_attempt_at = case when $3::int > 0 then now() else last_attempt_at end,
                last_status_code = case when $3::int > 0 then $4::int else last_status_code end,
                last_error = $5, delivered_at = case when $2 = 'DELIVERED' then now() end
          where id = $1 and state = 'PENDING'`,
        [deliveryId, state, attempted ? 1 : 0, statusCode, outcome.ok ? null : outcome.error.slice(0, 1000)],
      ),
    );
  }
}
