import { Job } from 'bullmq';

export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * Routes the jobs of one queue to their handlers by job name. Built at startup with the
 * names the queue may carry: a name without a handler stops the process there, not at
 * the first job.
 */
export function jobProcessor(queue: string, names: readonly string[], handlers: Record<string, JobHandler>) {
  const missing = names.filter((name) => !handlers[name]);
  if (missing.length) throw new Error(`Queue "${queue}" has no handler for job(s): ${missing.join(', ')}`);
  return async (job: Job): Promise<unknown> => {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`Queue "${queue}" has no handler for job "${job.name}"`);
    return handler(job);
  };
}
