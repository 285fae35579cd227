import { MailJob } from '@joinedup/mail';

/** The digest's job name on the mail queue: a stored contract. */
export const WEEKLY_DIGEST_JOB = 'governance.weekly-digest';

export interface WeeklyDigestJob extends MailJob {
  userId: string;
  /** The ISO week, e.g. 2026-W50. */
  week: string;
}

/** One job per tenant, user and week: a scheduler that runs twice queues nothing more. */
export const weeklyDigestJobId = (job: WeeklyDigestJob): string => `weekly-digest.${job.tenantId}.${job.userId}.${job.week}`;
