import Redis from 'ioredis';
import { TEST_PREFIX_START, testRedisUrl } from './queue-prefix';

/**
 * Removes the Redis keys left under this run's own queue prefixes (repeatable jobs, event
 * streams: a test obliterates its queues, not those), then stops the embedded PostgreSQL
 * that the global setup started, if it did.
 */
export default async function globalTeardown(): Promise<void> {
  await removeRunQueueKeys();
  await (globalThis as { releaseTestDatabase?: () => Promise<void> }).releaseTestDatabase?.();
}

async function removeRunQueueKeys(): Promise<void> {
  const run = process.env.JOINEDUP_TEST_RUN;
  if (!run) return;
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${TEST_PREFIX_START}${run}-*`, count: 1000 })) {
      if ((keys as string[]).length) await redis.unlink(...(keys as string[]));
    }
  } catch {
    // Redis gone: nothing of this run's to tidy there.
  } finally {
    redis.disconnect();
  }
}
