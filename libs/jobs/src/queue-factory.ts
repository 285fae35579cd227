import { Processor, Queue, Worker, createPostgresBackend, withBackend } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';
import { Client } from 'pg';

const OnPostgres = withBackend(createPostgresBackend);

/** Where the queues live: Redis in production, or PostgreSQL where there is no Redis. */
export type QueueStore =
  | {
      kind: 'redis';
      url: string;
      /** Prefix of every key; braces make it one Redis Cluster hash slot. */
      prefix: string;
    }
  | {
      kind: 'postgres';
      /** A role that may create BullMQ's schema (the owner). */
      url: string;
      schema: string;
    };

/** The queue store of a configuration: Redis when REDIS_URL is given, else PostgreSQL. */
export function queueStoreFor(config: {
  redisUrl: string | null;
  databaseMigrationUrl: string;
  queuePrefix: string;
}): QueueStore {
  if (config.redisUrl) return { kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix };
  const suffix = config.queuePrefix.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '').toLowerCase();
  return {
    kind: 'postgres',
    url: config.databaseMigrationUrl,
    schema: suffix === 'joinedup' ? 'bullmq' : `bullmq_${suffix}`.slice(0, 63),
  };
}

/**
 * How workers take up the jobs of a worker that died: its hold on a job lapses after
 * `lockMs`, and the job runs again as a further try. A job is started at most `attempts`
 * times whether its tries failed or stalled; the next start fails it for good (with
 * "job started more than allowable limit"), through the worker's `failed` event.
 */
export interface WorkerLimits {
  lockMs: number;
  attempts: number;
}

/** A change of the queue store's reachability: reported once per outage, not per retry. */
export type QueueConnectionChange = { state: 'lost'; store: string; reason: string } | { state: 'back'; store: string };

/**
 * The one place that knows where the queues live. Producers and workers ask it for
 * queues and workers by name and stay unaware of the store behind them.
 */
export class QueueFactory {
  private readonly connections: IORedis[] = [];
  private readonly closables: { close(): Promise<void> }[] = [];
  private probe?: IORedis;
  /** Connections whose last event was a failure, and whether that outage was reported. */
  private readonly failing = new Set<IORedis>();
  private lost = false;
  private closing = false;
  private readonly listeners: ((change: QueueConnectionChange) => void)[] = [];
  private readonly reconnectListeners: (() => void)[] = [];

  constructor(
    readonly store: QueueStore,
    private readonly limits: WorkerLimits = { lockMs: 30_000, attempts: 5 },
  ) {}

  /**
   * Whether every Redis connection of this factory is up (false before the first one is
   * made, and from a connection's first error). On PostgreSQL always true: there `ping`
   * is the check.
   */
  get connected(): boolean {
    if (this.store.kind === 'postgres') return true;
    return !this.failing.size && this.connections.length > 0 && this.connections.every((c) => c.status === 'ready');
  }

  /** Called once when the queue store is lost, and once when it is back. */
  onConnectionChange(listener: (change: QueueConnectionChange) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Called whenever every connection is up again after any of them dropped, however
   * briefly: the store may have restarted empty, so whoever keeps something in it
   * (job schedulers) declares it again.
   */
  onReconnected(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Says in words where the queues are, for the start-up log. */
  describe(): string {
    return this.store.kind === 'redis'
      ? `Redis (${redactedUrl(this.store.url)}, prefix ${this.store.prefix})`
      : `PostgreSQL (schema ${this.store.schema} of ${redactedUrl(this.store.url)})`;
  }

  /**
   * A queue for producers. `failFast` makes commands fail at once while Redis is down
   * instead of waiting for it (the outbox relay keeps the events and tries again). Before
   * the queue's first connection BullMQ still waits for one, so callers bound that wait
   * themselves (the relay's enqueueTimeoutMs).
   */
  queue(name: string, { failFast = false } = {}): Queue {
    const queue =
      this.store.kind === 'postgres'
        ? (new OnPostgres.Queue(name, { connection: this.postgresConnection() }) as unknown as Queue)
        : new Queue(name, {
            connection: this.connect(
              failFast ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 } : {},
            ),
            prefix: this.store.prefix,
          });
    queue.on('error', () => undefined); // connection errors surface on the calls that fail
    this.closables.push(queue);
    return queue;
  }

  /** `attempts`: the most tries the queue's jobs are given (JOB_ATTEMPTS unless the queue has its own). */
  worker<T>(name: string, processor: Processor<T>, concurrency = 4, attempts = this.limits.attempts): Worker<T> {
    // BullMQ's own stall limit (default 1) fails a job that stalled twice before its
    // tries are used up: the started-attempts limit decides instead.
    const stalls = {
      lockDuration: this.limits.lockMs,
      stalledInterval: this.limits.lockMs,
      maxStalledCount: attempts,
      maxStartedAttempts: attempts,
    };
    const worker =
      this.store.kind === 'postgres'
        ? (new OnPostgres.Worker<T>(name, processor, {
            connection: this.postgresConnection(),
            concurrency,
            ...stalls,
          }) as unknown as Worker<T>)
        : new Worker<T>(name, processor, {
            // Workers block on Redis; ioredis must retry forever rather than fail their commands.
            connection: this.connect({ maxRetriesPerRequest: null }),
            prefix: this.store.prefix,
            concurrency,
            ...stalls,
          });
    this.closables.push(worker);
    return worker;
  }

  /** Answers whether the queue store is reachable (for readiness checks), within `timeoutMs`. */
  async ping(timeoutMs = 1000): Promise<boolean> {
    if (this.store.kind === 'postgres') return this.pingPostgres(this.store.url, timeoutMs);
    // The offline queue lets a ping sent while the probe is still connecting wait for the
    // connection (without it, the first check of every process reads "down"); while Redis
    // is unreachable, each failed reconnect rejects the waiting ping at once.
    this.probe ??= this.connect({ maxRetriesPerRequest: 0, connectTimeout: timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.probe.ping().then((reply) => reply === 'PONG'), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled(this.closables.map((c) => c.close()));
    this.connections.forEach((c) => c.disconnect());
    this.closables.length = 0;
    this.connections.length = 0;
    this.failing.clear();
    this.probe = undefined;
  }

  /** BullMQ's PostgreSQL backend keeps its tables in a schema of its own, made at first use. */
  private postgresConnection() {
    const store = this.store as Extract<QueueStore, { kind: 'postgres' }>;
    return { connectionString: store.url, schema: store.schema, migrate: true, max: 4 };
  }

  private async pingPostgres(url: string, timeoutMs: number): Promise<boolean> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private connect(options: RedisOptions): IORedis {
    const store = this.store as Extract<QueueStore, { kind: 'redis' }>;
    // On disconnect ioredis waits up to disconnectTimeout for the socket to close, also
    // when it is already closed because Redis is down: that held shutdown for 2 s.
    const client = new IORedis(store.url, { disconnectTimeout: 200, ...options });
    // ioredis reports every failed reconnect (each ~2 s while Redis is down); the
    // listeners hear only the first failure and the recovery.
    client.on('error', (error: Error) => this.connectionFailed(client, error.message));
    client.on('close', () => this.connectionFailed(client));
    client.on('ready', () => this.connectionReady(client));
    this.connections.push(client);
    return client;
  }

  /** A close alone may be a blip that the next attempt repairs; an error is an outage. */
  private connectionFailed(client: IORedis, reason?: string): void {
    if (this.closing) return;
    this.failing.add(client);
    if (this.lost || reason === undefined) return;
    this.lost = true;
    this.notify({ state: 'lost', store: this.describe(), reason });
  }

  private connectionReady(client: IORedis): void {
    const reconnected = this.failing.delete(client) && !this.failing.size && !this.closing;
    if (reconnected) for (const listener of this.reconnectListeners) listener();
    if (!this.lost || this.failing.size || this.closing) return;
    this.lost = false;
    this.notify({ state: 'back', store: this.describe() });
  }

  private notify(change: QueueConnectionChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Whether `error` says the queue store cannot be reached (rather than a fault of ours). */
export function isConnectionError(error: Error & { code?: string }): boolean {
  return NETWORK_ERRORS.has(error.code ?? '') || error.message === 'Connection is closed.';
}

/** A connection URL without its password, for logs. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
