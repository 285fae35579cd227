import { isBenchDatabaseName, readArguments, whole } from './bench-options';

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
  /** The database it creates and drops (its own name, so two runs on one server do not clash). */
  database: string;
}

export const WEB_DATABASE = 'joinedup_bench_web';

export const WEB_USAGE = `usage: npm run bench:web -- [--duration S] [--connections C] [--profile DIR] [--database NAME] [--keep]
  --duration S     seconds of measured load on each page, and as many on its document alone (default 10)
  --connections C  concurrent keep-alive connections (default 10)
  --profile DIR    write a CPU profile of the API under load (node --cpu-prof) into DIR
  --database NAME  the database to create and drop: joinedup_bench_… or …_bench (default joinedup_bench_web)
  --keep           keep the database afterwards (it is dropped by default)`;

const VALUED = new Set(['duration', 'connections', 'profile', 'database']);
const SWITCHES = new Set(['keep', 'help']);

/** Reads the command line; throws with the usage on anything it does not know. */
export function parseWebOptions(argv: readonly string[]): WebBenchOptions | 'help' {
  const { values, switches } = readArguments(argv, VALUED, SWITCHES, WEB_USAGE);
  if (switches.has('help')) return 'help';
  const database = values.get('database') ?? WEB_DATABASE;
  if (!isBenchDatabaseName(database)) throw new Error(`--database must be joinedup_bench_… or …_bench (it is dropped at the end), not "${database}"\n${WEB_USAGE}`);
  return {
    durationSeconds: whole(values.get('duration'), 'duration', 10, 2, 600),
    connections: whole(values.get('connections'), 'connections', 10, 1, 1000),
    profileDir: values.get('profile') ?? null,
    keep: switches.has('keep'),
    database,
  };
}
