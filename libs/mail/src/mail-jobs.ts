import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, JobsOptions, Queue, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { QueueFactory, failureLine, isConnectionError, jobProcessor } from '@joinedup/jobs';
import { MAIL_QUEUE, MailJob } from './mail.jobs';
import { Mailer } from './mailer';

/** The queue keeps finished jobs a while for inspection; the records say what was sent. */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
const KEEP_FAILED_SECONDS = 30 * 24 * 3600;
/** Messages mostly wait on the SMTP server; a few jobs at once keep one slow batch from holding up the rest. */
const CONCURRENT_JOBS = 2;

/**
 * The outgoing-message pipeline: one queue, one worker, retries with exponential backoff
 * (MAIL_ATTEMPTS from MAIL_BACKOFF_MS) while the SMTP server is down or says "try later".
 * Domain libraries register a handler per job name before bootstrap and queue jobs with
 * deterministic ids; the handler reads its records, sends through the Mailer and marks
 * what the server accepted, so a retry sends only what is left.
 */
@Injectable()
export class MailJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly handlers = new Map<string, (job: Job) => Promise<unknown>>();
  private queue?: Queue;
  private worker?: Worker;

  constructor(
    private readonly queues: QueueFactory,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether messages are sent at all (SMTP_URL given). */
  get enabled(): boolean {
    return this.mailer.enabled;
  }

  /** Registers the handler of one job name; call from onModuleInit. */
  handle<T extends MailJob>(name: string, handler: (job: Job<T>) => Promise<unknown>): void {
    if (this.handlers.has(name)) throw new Error(`Mail job "${name}" has two handlers`);
    this.handlers.set(name, handler as (job: Job) => Promise<unknown>);
  }

  /** Queues a job once: a job id already queued (or kept as finished) adds nothing. */
  async add<T extends MailJob>(name: string, data: T, jobId: string): Promise<void> {
    if (!this.handlers.has(name)) throw new Error(`Mail job "${name}" has no handler`);
    this.queue ??= this.queues.queue(MAIL_QUEUE);
    await this.queue.add(name, data, { ...this.retries, jobId });
  }

  get retries(): JobsOptions {
    return {
      attempts: this.config.mail.attempts,
      backoff: { type: 'exponential', delay: this.config.mail.backoffMs },
      removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
      removeOnFail: { age: KEEP_FAILED_SECONDS },
    };
  }

  onApplicationBootstrap(): void {
    if (!this.mailer.enabled || !this.handlers.size) return;
    const worker = this.queues.worker(
      MAIL_QUEUE,
      jobProcessor(MAIL_QUEUE, [...this.handlers.keys()], Object.fromEntries(this.handlers)),
      CONCURRENT_JOBS,
      this.config.mail.attempts,
    );
    worker.on('failed', (job, error) => job && this.logger.warn(failureLine(job, error)));
    worker.on('error', (error) => {
      if (this.queues.connected && !isConnectionError(error)) this.logger.warn(`Queue problem: ${error.message}`);
    });
    this.worker = worker;
    this.logger.log(`Sending mail as ${this.config.mail.from}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close(!this.queues.connected);
  }
}
