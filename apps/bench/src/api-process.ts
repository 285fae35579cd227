import { ChildProcess, spawn } from 'node:child_process';
import { processCpuMs } from './process-cpu';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { AppConfig } from '@joinedup/config';
import { benchDatabaseOf } from './bench-database';
import { residentKb } from './process-memory';

/** The built API entry point, beside this benchmark in dist/. */
const API_MAIN = resolve(__dirname, '../../api/src/main.js');

/** What a benchmark changes of the API's production settings. */
export interface ApiProcessOptions {
  /** Settings added to its environment (e.g. a throttle that load from one address would reach). */
  env?: Record<string, string>;
  /** Node options before the entry point (e.g. --cpu-prof to profile it). */
  nodeArgs?: string[];
}

/**
 * The API as it runs in production, in a child process: its resident memory is its own,
 * and the load generator does not share its event loop. Its output goes to a log file.
 */
export class ApiProcess {
  private exited: string | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly logFile: string,
  ) {
    child.on('exit', (code, signal) => {
      this.exited = signal ? `signal ${signal}` : `exit code ${code}`;
    });
  }

  /**
   * Starts the API on a free port against the benchmark database and waits until
   * /health/ready answers. The JWT secret is given so that tokens outlive a restart.
   */
  static async start(config: AppConfig, jwtSecret: string, logFile: string, options: ApiProcessOptions = {}): Promise<ApiProcess> {
    if (!config.redisUrl) {
      throw new Error('the benchmark runs the API as in production, which needs REDIS_URL (e.g. redis://127.0.0.1:6379)');
    }
    const port = await freePort();
    const out = openSync(logFile, 'a');
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), API_MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: config.databaseUrl,
        DATABASE_MIGRATION_URL: config.databaseMigrationUrl,
        REDIS_URL: config.redisUrl,
        // Its own queues (a hash tag, as BullMQ on a Redis cluster wants), apart from any other run's.
        QUEUE_PREFIX: `{${benchDatabaseOf(config)}}`,
        JWT_SECRET: jwtSecret,
        // Long enough for the longest run (warm-up and --duration 600), so one sign-in does.
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        // No load balancer to wait for: stop at once (within stop()'s 10 s, so a CPU profile gets written).
        SHUTDOWN_DRAIN_MS: '0',
        ...options.env,
      },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`, logFile);
    await api.waitUntilReady();
    return api;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('The API process has no pid');
    return this.child.pid;
  }

  /** Resident memory in kB. */
  residentKb(): Promise<number> {
    return residentKb(this.pid);
  }

  /** CPU time the API has used so far (ms), from /proc: see processCpuMs. */
  cpuMs(): number | undefined {
    return processCpuMs(this.pid);
  }

  async stop(): Promise<void> {
    if (!this.exited) await stopChild(this.child);
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the API stopped at start (${this.exited}); see ${this.logFile}`);
      const ready = await fetch(`${this.url}/health/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((wake) => setTimeout(wake, 250));
    }
    await this.stop();
    throw new Error(`the API was not ready within 60 s; see ${this.logFile}`);
  }
}

/** SIGTERM, then SIGKILL after 10 s (time to write a CPU profile); resolves when the process has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** A secret for the API's tokens, fresh for each benchmark. */
export function benchJwtSecret(): string {
  return randomBytes(32).toString('hex');
}

/** A TCP port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
