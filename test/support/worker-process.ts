import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The worker (apps/worker/src/main.ts) as a process of its own, compiled on the fly, so a
 * test can kill it with SIGKILL at a chosen point, as a crash or an OOM kill would.
 */
export class WorkerProcess {
  readonly output: string[] = [];

  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  /** Starts a worker with these settings (over the test's environment) and waits until it runs. */
  static async start(env: Record<string, string>, timeoutMs = 30_000): Promise<WorkerProcess> {
    const child = spawn(process.execPath, [join(ROOT, 'test/support/run-ts.js'), 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child);
    const deadline = Date.now() + timeoutMs;
    while (!worker.output.some((line) => line.includes('JoinedUp worker running'))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`The worker did not start:\n${worker.output.slice(-20).join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return worker;
  }

  /** kill -9: no shutdown hook runs, its jobs stay active until their locks lapse. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }
}
