import { randomUUID } from 'node:crypto';

/**
 * The Redis a test of the Redis queue backend uses: REDIS_URL, else the local one (embedded
 * mode leaves REDIS_URL unset); global-teardown.ts tidies the same one.
 */
export const testRedisUrl = (): string => process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** What every queue prefix a test makes for itself starts with; global-teardown.ts removes what they leave. */
export const TEST_PREFIX_START = '{jutest-';

/**
 * A queue prefix of a test's own (its queues, their Redis keys or their PostgreSQL schema),
 * naming this run of the suite: the global teardown removes the Redis keys of this run's
 * prefixes, which repeatable jobs and event streams would otherwise leave behind.
 */
export function testQueuePrefix(label: string): string {
  const run = process.env.JOINEDUP_TEST_RUN;
  if (!run) throw new Error('JOINEDUP_TEST_RUN is set by the global setup');
  return `${TEST_PREFIX_START}${run}-${label}-${randomUUID().slice(0, 8)}}`;
}
