import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { QueueFactory } from '@joinedup/jobs';
import { PrivateDatabase, privateDatabase } from './support/private-database';
import { freePort } from './support/free-port';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
}

const PASSWORD = 'secret-password';
const WARN = 40;
const INFO = 30;

async function until(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// In embedded mode (no REDIS_URL) the queues live in PostgreSQL: there is no Redis
// connection to lose, so this file only runs where Redis is configured.
const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;

/**
 * A worker whose Redis goes away says so once (not at every reconnect attempt), and
 * once more when Redis is back. The test runs a Redis server of its own on a free port,
 * so it can stop and start it.
 */
describeWithRedis('worker while Redis is unreachable', () => {
  let database: PrivateDatabase;
  let port: number;
  let redis: ChildProcess | undefined;
  let worker: INestApplicationContext | undefined;
  const log: LogLine[] = [];

  const redisCli = (...command: string[]) =>
    execFileSync('redis-cli', ['-p', String(port), '-a', PASSWORD, '--no-auth-warning', ...command], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  const startRedis = async () => {
    const options = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    redis = spawn('redis-server', [...options, '--requirepass', PASSWORD], { stdio: 'ignore' });
    await until(() => {
      try {
        return redisCli('ping') === 'PONG';
      } catch {
        return false;
      }
    }, 5000);
  };
  const stopRedis = async () => {
    if (!redis || redis.exitCode !== null) return;
    const exited = once(redis, 'exit');
    redisCli('shutdown', 'nosave');
    await exited;
    redis = undefined;
  };

  const queueLines = () => log.filter((line) => line.context === 'Queue');
  const lost = () => queueLines().filter((line) => line.level === WARN && line.msg.startsWith('Lost the connection'));
  const back = () => queueLines().filter((line) => line.level === INFO && line.msg.includes('is back'));

  beforeAll(async () => {
    // The worker relays every tenant of its database; its own keeps it off other tests' events.
    database = await privateDatabase('outage');
    port = await freePort();
  });
  afterAll(async () => {
    await worker?.close();
    await stopRedis();
    await database?.drop();
  });

  /** A worker on the Redis at `redisPort`, logging into `into`. */
  const startWorker = async (redisPort: number, into: LogLine[]): Promise<INestApplicationContext> => {
    const config = loadConfig({
      ...process.env,
      ...database.env,
      REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${redisPort}`,
      QUEUE_PREFIX: '{jutest-outage}',
      LOG_LEVEL: 'info',
    });
    const destination = { write: (line: string) => void into.push(JSON.parse(line) as LogLine) };
    return (await createWorkerApp(config, { logDestination: destination })).app;
  };

  it('starts without Redis and logs the loss once, with the address and the reason, then once when it is back', async () => {
    worker = await startWorker(port, log);
    const queues = worker.get(QueueFactory);

    await until(() => lost().length > 0, 2000);
    // ioredis retries every 50 ms at first, growing to 2 s: a second is several attempts.
    await pause(1000);
    expect(lost()).toHaveLength(1);
    expect(lost()[0].msg).toContain(`redis://:***@127.0.0.1:${port}`);
    expect(lost()[0].msg).toContain('ECONNREFUSED');
    expect(lost()[0].msg).not.toContain(PASSWORD);
    expect(queues.connected).toBe(false);
    // Nothing else repeats the outage (worker connection errors, relay passes).
    expect(log.filter((line) => line.level >= WARN)).toHaveLength(1);

    await startRedis();
    await until(() => back().length > 0, 5000);
    expect(back()).toHaveLength(1);
    expect(queues.connected).toBe(true);
  });

  it('logs once when a running worker loses Redis, and once when it is back', async () => {
    const queues = worker!.get(QueueFactory);
    const warnings = () => log.filter((line) => line.level >= WARN);
    const before = { lost: lost().length, back: back().length, warnings: warnings().length };

    await stopRedis();
    await until(() => lost().length > before.lost, 2000);
    await pause(1000);
    expect(lost()).toHaveLength(before.lost + 1);
    expect(warnings()).toHaveLength(before.warnings + 1);
    expect(queues.connected).toBe(false);

    await startRedis();
    await until(() => back().length > before.back, 5000);
    expect(back()).toHaveLength(before.back + 1);
    expect(lost()).toHaveLength(before.lost + 1);
    expect(queues.connected).toBe(true);
  });

  it('shuts down promptly while Redis is unreachable', async () => {
    // A worker that never reached Redis: a running worker's blocking read holds a timer
    // (BullMQ's watchdog, up to 6 s) past the close, which would outlive this test file.
    await worker?.close(); // Nest's loggers are process-wide: only one worker logs at a time
    worker = undefined;
    const ownLog: LogLine[] = [];
    const stranded = await startWorker(await freePort(), ownLog);
    await until(() => ownLog.some((line) => line.msg.startsWith('Lost the connection')), 2000);
    const started = Date.now();
    await stranded.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ownLog.filter((line) => line.level >= WARN)).toHaveLength(1);
  });
});
