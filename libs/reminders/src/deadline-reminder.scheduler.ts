import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { Deadline, DeadlinesService, MAX_DEADLINES, dayOffset } from '@joinedup/deadlines';
import { MailJobs } from '@joinedup/mail';
import { safeErrorMessage } from '@joinedup/logging';
import { DEADLINE_REMINDER_JOB, DeadlineReminderJob, deadlineReminderJobId } from './deadline-reminder.jobs';
import { reminderMomentDue, reminderWindow } from './reminder-plan';

/** How often the worker looks for reminders due. */
export const REMINDERS_EVERY_MS = 10 * 60_000;
/** Tenants read per statement. */
const TENANTS_PER_PAGE = 100;
/** Sent marks are kept this long after their due day, well past the last moment that can be due. */
const KEEP_MARKS_DAYS = 60;

/**
 * Queues every deadline reminder due now: at start and every 10 minutes, on any number of
 * workers. For each tenant (a page at a time) it reads the catalogue's deadlines due in the
 * plan's window (dueBetween, a page of MAX_DEADLINES at a time), keeps those with a moment
 * due today (UTC) whose user has that kind on and no mark yet, and queues one job each with
 * a deterministic id; the mark written by the job keeps it to one email.
 */
@Injectable()
export class DeadlineReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineReminders');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly db: TenantDb,
    private readonly deadlines: DeadlinesService,
    private readonly jobs: MailJobs,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.enabled) return;
    const tick = () => {
      this.running ??= this.queueDue()
        .catch((error: Error) => this.logger.warn(`Deadline reminders not queued, next try in 10 minutes: ${safeErrorMessage(error)}`))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, REMINDERS_EVERY_MS);
    tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Queues the reminders due at `at` in every tenant; returns how many were queued. */
  async queueDue(at = new Date()): Promise<number> {
    let queued = 0;
    let after: string | null = null;
    for (;;) {
      const tenants: { tenant_id: string }[] = await this.db.queryWithoutTenant(`select tenant_id from deadline_reminder_tenants($1, $2)`, [
        after,
        TENANTS_PER_PAGE,
      ]);
      for (const { tenant_id: tenantId } of tenants) {
        const due = await this.db.run({ tenantId }, () => this.dueIn(tenantId, at));
        for (const job of due) await this.jobs.add(DEADLINE_REMINDER_JOB, job, deadlineReminderJobId(job));
        queued += due.length;
      }
      if (tenants.length < TENANTS_PER_PAGE) return queued;
      after = tenants[tenants.length - 1].tenant_id;
    }
  }

  /** The current tenant's reminders due at `at` and not sent, for users with that kind on. */
  private async dueIn(tenantId: string, at: Date): Promise<DeadlineReminderJob[]> {
    const today = dayOffset(at, 0);
    await this.db.query(`delete from deadline_reminder_sent where due_on < $1::date`, [dayOffset(at, -KEEP_MARKS_DAYS)]);
    const due: DeadlineReminderJob[] = [];
    let after: Deadline | undefined;
    do {
      const page = await this.deadlines.dueBetween(reminderWindow(at), { first: MAX_DEADLINES, after });
      const candidates = page.flatMap((d) => {
        const moment = reminderMomentDue(d.kind, d.dueOn, today);
        return moment ? [{ user_id: d.userId, deadline_id: d.id, due_on: d.dueOn, moment: moment.name, kind: d.kind }] : [];
      });
      if (candidates.length) {
        const rows = await this.db.query<{ user_id: string; deadline_id: string; due_on: string; moment: string }>(
          `select r.user_id, r.deadline_id, r.due_on::text as due_on, r.moment
             from jsonb_to_recordset($1::jsonb) as r(user_id uuid, deadline_id text, due_on date, moment text, kind text)
             left join mail_preference p on p.user_id = r.user_id
            where not coalesce(r.kind = any(p.kinds_off), false)
              and not exists (select from deadline_reminder_sent s
                               where s.user_id = r.user_id and s.deadline_id = r.deadline_id and s.due_on = r.due_on and s.moment = r.moment)`,
          [JSON.stringify(candidates)],
        );
        due.push(...rows.map((r) => ({ tenantId, userId: r.user_id, deadlineId: r.deadline_id, dueOn: r.due_on, moment: r.moment })));
      }
      after = page.length === MAX_DEADLINES ? page[page.length - 1] : undefined;
    } while (after);
    return due;
  }
}
