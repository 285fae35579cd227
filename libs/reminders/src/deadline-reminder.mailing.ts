import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { DeadlinesService, dayOffset } from '@joinedup/deadlines';
import { MAIL_KIND_NAMES, MailJobs, Mailer, UnsubscribeTokens, isMailKind, mailFailure } from '@joinedup/mail';
import { deadlineReminderMail } from './deadline-reminder-mail';
import { DEADLINE_REMINDER_JOB, DeadlineReminderJob, reminderKey } from './deadline-reminder.jobs';
import { reminderMomentDue } from './reminder-plan';

interface Recipient {
  email: string;
  display_name: string;
  link_generation: number;
}

/**
 * Sends one deadline reminder. At most once per user, deadline, due day and moment, as the
 * weekly digest: the mark (deadline_reminder_sent) is written and committed BEFORE the
 * message goes out, so a worker killed mid-send, a retry or a second job sends nothing
 * more; the price is that a worker killed between the mark and the SMTP server's answer
 * loses that one reminder. A reminder is a nudge (the deadline stays on the dashboards and
 * the calendar feed, and an overdue reminder may follow), while the issue asks for no
 * duplicates; at-least-once would send a second copy after every crash. When the server
 * refuses for now (down, 4xx) the mark is taken back before the job fails, so the queue's
 * retry sends it.
 *
 * The job names ids only: the deadline is read again from the catalogue, as the recipient
 * may see it now, and nothing is sent if it is gone (done, moved, no longer theirs) or its
 * moment has passed.
 */
@Injectable()
export class DeadlineReminderMailing implements OnModuleInit {
  constructor(
    private readonly jobs: MailJobs,
    private readonly mailer: Mailer,
    private readonly db: TenantDb,
    private readonly deadlines: DeadlinesService,
    private readonly tokens: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<DeadlineReminderJob>(DEADLINE_REMINDER_JOB, (job) => this.send(job.data));
  }

  async send(job: DeadlineReminderJob, at = new Date()): Promise<{ sent: number; skipped?: string }> {
    const { tenantId, userId, deadlineId, dueOn, moment } = job;
    const today = dayOffset(at, 0);
    const claimed = await this.db.run({ tenantId }, async () => {
      const deadline = (await this.deadlines.deadlinesFor(userId, { from: dueOn, to: dueOn })).find((d) => d.id === deadlineId);
      if (!deadline || !isMailKind(deadline.kind) || reminderMomentDue(deadline.kind, dueOn, today)?.name !== moment) return undefined;
      const [recipient] = await this.db.query<Recipient>(
        `select u.email, u.display_name, coalesce(p.link_generation, 0) as link_generation
           from app_user u left join mail_preference p on p.tenant_id = u.tenant_id and p.user_id = u.id
          where u.id = $1 and u.active and not coalesce($2 = any(p.kinds_off), false)`,
        [userId, deadline.kind],
      );
      if (!recipient) return undefined;
      const marked = await this.db.query(
        `insert into deadline_reminder_sent (tenant_id, user_id, deadline_id, due_on, moment) values ($1, $2, $3, $4, $5)
         on conflict do nothing returning 1`,
        [tenantId, userId, deadlineId, dueOn, moment],
      );
      return marked.length ? { recipient, deadline, kind: deadline.kind } : undefined;
    });
    if (!claimed) return { sent: 0, skipped: 'not due, switched off, or sent already' };

    const { recipient, deadline, kind } = claimed;
    const webBase = this.config.mail.webBase;
    const unsubscribeUrl = `${webBase}unsubscribe/${this.tokens.sign({ tenantId, recipientId: userId, kind, generation: recipient.link_generation })}`;
    try {
      await this.mailer.send({
        to: { address: recipient.email, name: recipient.display_name },
        content: deadlineReminderMail({
          recipientName: recipient.display_name,
          kind: deadline.kind,
          title: deadline.title,
          dueOn,
          today,
          href: deadline.href,
          webBase,
          unsubscribeUrl,
          kindName: MAIL_KIND_NAMES[kind],
        }),
        messageKey: `deadline-reminder.${reminderKey(job)}`,
        tenantId,
        unsubscribeUrl,
      });
    } catch (error) {
      const failure = mailFailure(error);
      if (failure.permanent) return { sent: 0, skipped: failure.message };
      await this.db.run({ tenantId }, () =>
        this.db.query(`delete from deadline_reminder_sent where user_id = $1 and deadline_id = $2 and due_on = $3 and moment = $4`, [
          userId,
          deadlineId,
          dueOn,
          moment,
        ]),
      );
      throw failure;
    }
    return { sent: 1 };
  }
}
