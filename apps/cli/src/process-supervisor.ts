import { ChildProcess, spawn } from 'node:child_process';

export interface ServiceSpec {
  /** A short name for messages: `api`, `worker`. */
  name: string;
  /** The built entry point, run with this Node binary. */
  script: string;
}

interface Running {
  spec: ServiceSpec;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How long the services get to finish in-flight work after a stop signal. */
const STOP_TIMEOUT_MS = 30_000;

/**
 * Runs services as child processes with the given environment until they are told to
 * stop. A stop signal (SIGINT, SIGTERM, SIGHUP) is passed on to each of them once;
 * if one of them exits on its own, the others are stopped too and the promise rejects.
 * Resolves when every service has shut down cleanly after a stop signal.
 */
export async function superviseServices(
  specs: ServiceSpec[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void> {
  // Own process groups: a Ctrl-C in the terminal reaches only this process, which passes
  // it on once, instead of each service receiving it twice.
  const running: Running[] = specs.map((spec) => {
    const child = spawn(process.execPath, [spec.script], { env, stdio: 'inherit', detached: true });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => {
        log(`${spec.name}: could not start: ${error.message}`);
        resolve({ code: 1, signal: null });
      });
    });
    return { spec, child, exited };
  });

  let stopSignal: NodeJS.Signals | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const stopAll = (signal: NodeJS.Signals): void => {
    if (stopSignal) return;
    stopSignal = signal;
    for (const { child } of running) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    }
    killTimer = setTimeout(() => {
      for (const { spec, child } of running) {
        if (child.exitCode !== null || child.signalCode !== null) continue;
        log(`${spec.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
        child.kill('SIGKILL');
      }
    }, STOP_TIMEOUT_MS);
  };
  // Whatever happens to this process, its services must not outlive it.
  const killLeftovers = (): void => {
    for (const { child } of running) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
  };

  const onSignal = (signal: NodeJS.Signals): void => {
    if (!stopSignal) log(`Received ${signal}; stopping ${specs.map((s) => s.name).join(' and ')}`);
    // A hang-up means the terminal is gone: ask the services to stop as usual.
    stopAll(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  process.on('exit', killLeftovers);

  const failures: string[] = [];
  try {
    await Promise.all(
      running.map(async ({ spec, exited }) => {
        const { code, signal } = await exited;
        const how = signal ? `on ${signal}` : `with code ${code}`;
        const requested = stopSignal !== undefined;
        const clean = requested && (code === 0 || signal === stopSignal);
        if (clean) {
          log(`${spec.name} stopped`);
          return;
        }
        failures.push(requested ? `${spec.name} exited ${how} while stopping` : `${spec.name} exited unexpectedly ${how}`);
        if (!requested) {
          log(`${spec.name} exited unexpectedly ${how}; stopping the others`);
          stopAll('SIGTERM');
        }
      }),
    );
  } finally {
    clearTimeout(killTimer);
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    process.off('exit', killLeftovers);
  }
  if (failures.length) throw new Error(failures.join('; '));
}
