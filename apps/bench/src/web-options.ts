import { readArguments, whole } from './bench-options';

/** What `npm run bench:web` was asked to measure. */
export interface WebBenchOptions {
  /** Seconds of measured load on each page, and as many on its document alone. */
  durationSeconds: number;
  /** Keep-alive connections, each sending its next request when the previous one is answered. */
  connections: number;
  /** Write a CPU profile of the API during the load (node --cpu-prof) into this folder. */
  profileDir: string | null;
  /** Keep the benchmark database afterwards. */
  keep: boolean;
}

export const WEB_USAGE = `usage: npm run bench:web -- [--duration S] [--connections C] [--profile DIR] [--keep]
  --duration S     seconds of measured load on each page, and as many on its document alone (default 10)
  --connections C  concurrent keep-alive connections (default 10)
  --profile DIR    write a CPU profile of the API under load (node --cpu-prof) into DIR
  --keep           keep the database joinedup_bench_web afterwards (it is dropped by default)`;

const VALUED = new Set(['duration', 'connections', 'profile']);
const SWITCHES = new Set(['keep', 'help']);

/** Reads the command line; throws with the usage on anything it does not know. */
export function parseWebOptions(argv: readonly string[]): WebBenchOptions | 'help' {
  const { values, switches } = readArguments(argv, VALUED, SWITCHES, WEB_USAGE);
  if (switches.has('help')) return 'help';
  return {
    durationSeconds: whole(values.get('duration'), 'duration', 10, 2, 600),
    connections: whole(values.get('connections'), 'connections', 10, 1, 1000),
    profileDir: values.get('profile') ?? null,
    keep: switches.has('keep'),
  };
}
