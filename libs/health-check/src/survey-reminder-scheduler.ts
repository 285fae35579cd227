import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { MailJobs } from '@joinedup/mail';
import { safeErrorMessage } from '@joinedup/logging';
import { HEALTH_CHECK_MAIL_JOB, REMIND_DAYS_BEFORE_CLOSE, ReminderMailJob, reminderMailJobId } from './health-check-mail.jobs';

/** How often the worker looks for rounds whose reminder is due. */
export const REMINDERS_EVERY_MS = 10 * 60_000;

/**
 * Queues the reminder of every round closing within REMIND_DAYS_BEFORE_CLOSE days whose
 * emailed invitees have not been reminded: at start and every 10 minutes, on any number of
 * workers (one job id per round and day; each invitation's reminded mark keeps it to one
 * email). The rounds come from health_check_reminders_due(), which gives ids only.
 */
@Injectable()
export class SurveyReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HealthCheckReminders');
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
        .catch((error: Error) => this.logger.warn(`Health-check reminders not queued, next try in 10 minutes: ${safeErrorMessage(error)}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, REMINDERS_EVERY_MS);
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Queues the reminders due now; returns how many rounds were due. */
  async queueDue(): Promise<number> {
    const due = await this.db.queryWithoutTenant<{ tenant_id: string; round_id: string; today: string }>(
      `select d.tenant_id, d.round_id, ((now() at time zone 'UTC')::date)::text as today from health_check_reminders_due($1) d`,
      [REMIND_DAYS_BEFORE_CLOSE],
    );
    for (const { tenant_id: tenantId, round_id: roundId, today } of due) {
      const job: ReminderMailJob = { tenantId, roundId };
      await this.jobs.add(HEALTH_CHECK_MAIL_JOB.reminders, job, reminderMailJobId(roundId, today));
    }
    return due.length;
  }
}
