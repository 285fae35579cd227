import { readArguments, whole } from './bench-options';
import { READ_KEYS, ReadKey } from './read-documents';

/** What `npm run bench:read` was asked to measure. */
export interface ReadBenchOptions {
  /** Localities of 40 member bodies in the measured tenant (the other tenant has as many). */
  localities: number;
  /** Seconds of each measured run (each read on each server, once a round). */
  durationSeconds: number;
  /** Measured runs of each read on each server, the servers in turn, the first of them rotating from round to round. */
  rounds: number;
  /** Keep-alive connections, each sending its next request when the previous one is answered. */
  connections: number;
  reads: ReadKey[];
  /** Read the data of a kept database instead of generating it (implies keep). */
  reuse: boolean;
  keep: boolean;
  /** Write a CPU profile of JoinedUp's API over the whole run (node --cpu-prof) into this folder. */
  profileDir: string | null;
}

export const READ_USAGE = `usage: npm run bench:read -- [--localities N] [--duration S] [--rounds R] [--connections C] [--reads a,b] [--reuse] [--keep] [--profile DIR]
  (or the environment: N, DUR, ROUNDS, C, READS, REUSE=1, KEEP=1; a flag wins over its variable)
  --localities N   localities of 40 member bodies in each of the two tenants (default 50)
  --duration S     seconds of each measured run (default 5)
  --rounds R       measured runs of every read on each server, interleaved: A B C, B C A, C A B, … (default 6)
  --connections C  concurrent keep-alive connections (default 10)
  --reads a,b      a subset of ${READ_KEYS.join(', ')} (default all)
  --reuse          read the kept database of an earlier --keep run (its pending migrations run first) instead of generating the data (and keep it)
  --keep           keep the database joinedup_bench_read afterwards (it is dropped by default)
  --profile DIR    write a CPU profile of JoinedUp's API (node --cpu-prof) into DIR, from its start to the end of the measured runs`;

const VALUED = new Set(['localities', 'duration', 'rounds', 'connections', 'reads', 'profile']);
const SWITCHES = new Set(['reuse', 'keep', 'help']);
/** The environment variables of side.sh, the script this benchmark grew from. */
const FROM_ENV: Record<string, string> = { localities: 'N', duration: 'DUR', rounds: 'ROUNDS', connections: 'C', reads: 'READS' };

/** Reads the command line, then the environment; throws with the usage on anything it does not know. */
export function parseReadOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ReadBenchOptions | 'help' {
  const { values, switches } = readArguments(argv, VALUED, SWITCHES, READ_USAGE);
  if (switches.has('help')) return 'help';
  const value = (name: string) => values.get(name) ?? (env[FROM_ENV[name]] || undefined);
  const reuse = switches.has('reuse') || env.REUSE === '1';
  return {
    localities: whole(value('localities'), 'localities', 50, 1, 10_000),
    durationSeconds: whole(value('duration'), 'duration', 5, 1, 600),
    rounds: whole(value('rounds'), 'rounds', 6, 1, 100),
    connections: whole(value('connections'), 'connections', 10, 1, 1000),
    reads: readKeys(value('reads')),
    reuse,
    keep: reuse || switches.has('keep') || env.KEEP === '1',
    profileDir: values.get('profile') ?? null,
  };
}

function readKeys(raw: string | undefined): ReadKey[] {
  if (raw === undefined) return [...READ_KEYS];
  const asked = raw.split(',').map((name) => name.trim());
  const unknown = asked.filter((name) => !(READ_KEYS as readonly string[]).includes(name));
  if (unknown.length || !asked.length) throw new Error(`--reads takes some of ${READ_KEYS.join(', ')} (got "${raw}")\n${READ_USAGE}`);
  return READ_KEYS.filter((key) => asked.includes(key));
}
