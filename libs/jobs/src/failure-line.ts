import { Job } from 'bullmq';
import { safeErrorMessage } from '@joinedup/logging';

/**
 * One line per failed try: which job, which try, and what happens next. Only the job's
 * name, id and a safe error message: the payload, and values quoted by PostgreSQL, may
 * hold personal data.
 */
export function failureLine(job: Job, error: Error): string {
  const attempts = job.opts.attempts ?? 1;
  const what = `Job ${job.name} (${job.id}) failed on attempt ${job.attemptsMade} of ${attempts}`;
  const next = job.attemptsMade < attempts ? 'it will be retried' : 'it stays in the failed set';
  return `${what}, ${next}: ${safeErrorMessage(error)}`;
}
