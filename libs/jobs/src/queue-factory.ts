import { Processor, Queue, Worker } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';

export interface QueueFactoryOptions {
  redisUrl: string;
  /** Prefix of every key; braces make it one Redis Cluster hash slot. */
  prefix: string;
}

/**
 * The one place that knows where the queues live. Producers and workers ask it for
 * queues and workers by name and stay unaware of the connection behind them.
 */
export class QueueFactory {
  private readonly connections: IORedis[] = [];
  private readonly closables: { close(): Promise<void> }[] = [];
  private probe?: IORedis;

  constructor(private readonly options: QueueFactoryOptions) {}

  /**
   * A queue for producers. `failFast` makes commands fail at once while Redis is down
   * instead of waiting for it (the outbox relay keeps the events and tries again). Before
   * the queue's first connection BullMQ still waits for one, so callers bound that wait
   * themselves (the relay's enqueueTimeoutMs).
   */
  queue(name: string, { failFast = false } = {}): Queue {
    const connection = this.connect(
      failFast ? { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 } : {},
    );
    const queue = new Queue(name, { connection, prefix: this.options.prefix });
    queue.on('error', () => undefined); // connection errors surface on the calls that fail
    this.closables.push(queue);
    return queue;
  }

  worker<T>(name: string, processor: Processor<T>, concurrency = 4): Worker<T> {
    // Workers block on Redis; ioredis must retry forever rather than fail their commands.
    const connection = this.connect({ maxRetriesPerRequest: null });
    const worker = new Worker<T>(name, processor, { connection, prefix: this.options.prefix, concurrency });
    this.closables.push(worker);
    return worker;
  }

  /** Answers whether the queue store is reachable (for readiness checks), within `timeoutMs`. */
  async ping(timeoutMs = 1000): Promise<boolean> {
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
    await Promise.allSettled(this.closables.map((c) => c.close()));
    this.connections.forEach((c) => c.disconnect());
    this.closables.length = 0;
    this.connections.length = 0;
    this.probe = undefined;
  }

  private connect(options: RedisOptions): IORedis {
    // On disconnect ioredis waits up to disconnectTimeout for the socket to close, also
    // when it is already closed because Redis is down: that held shutdown for 2 s.
    const client = new IORedis(this.options.redisUrl, { disconnectTimeout: 200, ...options });
    client.on('error', () => undefined); // reported by the commands that fail; avoid crashing on reconnect
    this.connections.push(client);
    return client;
  }
}
