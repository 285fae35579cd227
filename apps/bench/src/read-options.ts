import { readArguments, whole } from './bench-options';

/** What `npm run bench:read` was asked to measure. */
export interface ReadBenchOptions {
  /** Localities of 40 member bodies in the measured tenant (the other tenant has as many). */
  localities: number;
  /** Seconds of measured load (a warm-up comes before). */
  durationSeconds: number;
  /** Keep-alive connections, each sending its next request when the previous one is answered. */
  connections: number;
  /** Keep the benchmark database afterwards (to look at the data, or to run side.sh against it). */
  keep: boolean;
}

export const READ_USAGE = `usage: npm run bench:read -- [--localities N] [--duration S] [--connections C] [--keep]
  --localities N   localities of 40 member bodies in each of the two tenants (default 500)
  --duration S     seconds of measured load, after a warm-up (default 15)
  --connections C  concurrent keep-alive connections (default 10)
  --keep           keep the database joinedup_bench_read afterwards (it is dropped by default)`;

const VALUED = new Set(['localities', 'duration', 'connections']);
const SWITCHES = new Set(['keep', 'help']);

/** Reads the command line; throws with the usage on anything it does not know. */
export function parseReadOptions(argv: readonly string[]): ReadBenchOptions | 'help' {
  const { values, switches } = readArguments(argv, VALUED, SWITCHES, READ_USAGE);
  if (switches.has('help')) return 'help';
  return {
    localities: whole(values.get('localities'), 'localities', 500, 1, 100_000),
    durationSeconds: whole(values.get('duration'), 'duration', 15, 1, 600),
    connections: whole(values.get('connections'), 'connections', 10, 1, 1000),
    keep: switches.has('keep'),
  };
}
