import { Job } from 'bullmq';
import { safeErrorMessage } from '@joinedup/logging';

/** Whether a job that just failed is done with (in the failed set) rather than waiting for a retry. */
export function failedForGood(job: Job): boolean {
  // finishedOn is set when the job moved to the failed set: after its last try, and also
  // when it was refused a further start (it stalled or was started too often).
  return Boolean(job.finishedOn) || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/**
 * One line per failed try: which job, which try, and what happens next. Only the job's
 * name, id and a safe error message: the payload, and values quoted by PostgreSQL, may
 * hold personal data.
 */
export function failureLine(job: Job, error: Error): string {
  const attempts = job.opts.attempts ?? 1;
  const what = `Job ${job.name} (${job.id}) failed on attempt ${job.attemptsMade} of ${attempts}`;
  const next = failedForGood(job) ? 'it stays in the failed set' : 'it will be retried';
  return `${what}, ${next}: ${safeErrorMessage(error)}`;
}
