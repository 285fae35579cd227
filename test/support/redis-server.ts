import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './free-port';

/**
 * A Redis server of a test's own, on a free port, without persistence: stopping and
 * starting it again is a Redis restarted empty. (Never the machine's shared Redis.)
 */
export class RedisServer {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const options = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.process = spawn('redis-server', options, { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    while (!this.answers()) {
      if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Stops it at once, keeping nothing. */
  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
    this.process = undefined;
  }

  async restartEmpty(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** One redis-cli command's answer. */
  cli(...command: string[]): string {
    return execFileSync('redis-cli', ['-p', String(this.port), ...command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  }

  private answers(): boolean {
    try {
      return this.cli('ping') === 'PONG';
    } catch {
      return false;
    }
  }
}
