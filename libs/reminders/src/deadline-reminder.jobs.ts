import { MailJob } from '@joinedup/mail';

/** The reminders' job name on the mail queue: a stored contract. */
export const DEADLINE_REMINDER_JOB = 'reminders.deadline-reminder';

/** One reminder: whom, which deadline (the catalogue's stable id) on which due day, at which moment of the plan. */
export interface DeadlineReminderJob extends MailJob {
  userId: string;
  deadlineId: string;
  dueOn: string;
  moment: string;
}

/** The at-most-once key without the tenant: the sent mark's and the message's. */
export const reminderKey = (job: DeadlineReminderJob): string => `${job.userId}.${job.deadlineId}.${job.dueOn}.${job.moment}`;

/** One job per tenant and key: a scheduler that runs twice, or on two workers, queues nothing more. */
export const deadlineReminderJobId = (job: DeadlineReminderJob): string => `deadline-reminder.${job.tenantId}.${reminderKey(job)}`;
