import IORedis from 'ioredis';
import { Client } from 'pg';
import { QueueStore, queueStoreFor } from '@joinedup/jobs';
import { TEST_PREFIX_START } from './queue-prefix';

/**
 * Everything the queue store holds, as text: with Redis every key of the prefix and its
 * value; with BullMQ's PostgreSQL backend (embedded mode) every row of its schema. Tests of
 * anonymity search it for what must never be queued (links, tokens, edit codes).
 */
export async function queueStoreText(store: QueueStore): Promise<string[]> {
  return store.kind === 'redis' ? redisText(store.url, store.prefix) : postgresText(store.url, 'table_schema = $1', store.schema);
}

/**
 * queueStoreText of every queue store this test run made (testQueuePrefix): the outbox table
 * is shared by the run's files, so another file's relay may be the one that queues an event.
 */
export async function runQueueStoresText(store: QueueStore): Promise<string[]> {
  const run = `${TEST_PREFIX_START}${process.env.JOINEDUP_TEST_RUN}-`;
  if (store.kind === 'redis') return redisText(store.url, run);
  const runStore = queueStoreFor({ redisUrl: null, databaseMigrationUrl: store.url, queuePrefix: run });
  if (runStore.kind !== 'postgres') throw new Error('A queue store without Redis is in PostgreSQL');
  return postgresText(store.url, `starts_with(table_schema, $1)`, `${runStore.schema}_`);
}

async function redisText(url: string, prefix: string): Promise<string[]> {
  const redis = new IORedis(url);
  const values: string[] = [];
  try {
    for (const key of await redis.keys(`${prefix}*`)) {
      const type = await redis.type(key);
      values.push(key);
      if (type === 'hash') values.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'string') values.push((await redis.get(key)) ?? '');
      else if (type === 'list') values.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'zset') values.push(JSON.stringify(await redis.zrange(key, 0, -1)));
      else if (type === 'set') values.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'stream') values.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
  } finally {
    redis.disconnect();
  }
  return values;
}

/** Every row of the tables in the schemas `condition` picks (one connection). */
async function postgresText(url: string, condition: 'table_schema = $1' | 'starts_with(table_schema, $1)', schema: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables where ${condition} and table_type = 'BASE TABLE'`,
      [schema],
    );
    const values: string[] = [];
    for (const { name } of tables) {
      const { rows } = await client.query<{ row: string }>(`select t::text as row from ${name} t`);
      values.push(...rows.map((r) => r.row));
    }
    return values;
  } finally {
    await client.end();
  }
}
