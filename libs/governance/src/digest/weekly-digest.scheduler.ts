import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { MailJobs } from '@joinedup/mail';
import { safeErrorMessage } from '@joinedup/logging';
import { digestWeekDue } from './iso-week';
import { WEEKLY_DIGEST_JOB, WeeklyDigestJob, weeklyDigestJobId } from './weekly-digest.jobs';

/** How often the worker looks for digests due. */
export const DIGESTS_EVERY_MS = 10 * 60_000;

/**
 * Queues the week's digest of every coordinator and reviewer with it on and none sent this
 * week, from Monday 07:00 UTC: at start and every 10 minutes, on any number of workers (one
 * job id per tenant, user and week; the week's mark keeps it to one email). The recipients
 * come from mail_digest_recipients_due(), which gives ids only.
 */
@Injectable()
export class WeeklyDigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WeeklyDigest');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly db: TenantDb,
    private readonly jobs: MailJobs,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.enabled) return;
    const tick = () => {
      this.running ??= this.queueDue()
        .catch((error: Error) => this.logger.warn(`Weekly digests not queued, next try in 10 minutes: ${safeErrorMessage(error)}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, DIGESTS_EVERY_MS);
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Queues the digests due at `at`; returns how many were queued. */
  async queueDue(at = new Date()): Promise<number> {
    const week = digestWeekDue(at);
    if (!week) return 0;
    const due = await this.db.queryWithoutTenant<{ tenant_id: string; user_id: string }>(
      `select tenant_id, user_id from mail_digest_recipients_due($1)`,
      [week],
    );
    for (const { tenant_id: tenantId, user_id: userId } of due) {
      const job: WeeklyDigestJob = { tenantId, userId, week };
      await this.jobs.add(WEEKLY_DIGEST_JOB, job, weeklyDigestJobId(job));
    }
    return due.length;
  }
}
