/** What `npm run bench:scan` was asked to measure. */
export interface BenchOptions {
  /** Localities of the measured data (40 member bodies each). */
  localities: number;
  /** Tenants to spread those localities over (one tenant: no spread measured). */
  tenants: number;
  /** The data multiple of the growth run; null: no growth run. */
  scale: number | null;
  /** Keep the benchmark database afterwards (to look at the data). */
  keep: boolean;
}

export const USAGE = `usage: npm run bench:scan -- [--localities N] [--tenants T] [--scale K | --no-scale] [--keep]
  --localities N  localities of 40 member bodies each (default 200)
  --tenants T     also spread the same localities over T tenants and scan them all (default 1: not measured)
  --scale K       also measure K times the data (default 10)
  --no-scale      skip the growth run
  --keep          keep the database joinedup_bench_scan afterwards (it is dropped by default)`;

const VALUED = new Set(['localities', 'tenants', 'scale']);
const SWITCHES = new Set(['no-scale', 'keep', 'help']);

/** Reads the command line; throws with the usage on anything it does not know. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values, switches } = readArguments(argv, VALUED, SWITCHES, USAGE);
  if (switches.has('help')) return 'help';
  const localities = whole(values.get('localities'), 'localities', 200, 1, 100_000);
  const tenants = whole(values.get('tenants'), 'tenants', 1, 1, 100_000);
  if (tenants > localities) throw new Error(`--tenants (${tenants}) cannot exceed --localities (${localities}): each tenant needs a locality`);
  if (switches.has('no-scale') && values.has('scale')) throw new Error(`--scale and --no-scale contradict each other\n${USAGE}`);
  const scale = switches.has('no-scale') ? null : whole(values.get('scale'), 'scale', 10, 2, 1000);
  return { localities, tenants, scale, keep: switches.has('keep') };
}

/** `--name value`, `--name=value` and `--switch` arguments of a benchmark; throws with the usage on anything else. */
export function readArguments(
  argv: readonly string[],
  valued: ReadonlySet<string>,
  known: ReadonlySet<string>,
  usage: string,
): { values: Map<string, string>; switches: Set<string> } {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split('=', 2) : [arg, undefined];
    if (valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value\n${usage}`);
      values.set(name, value);
    } else if (known.has(name) && inline === undefined) {
      switches.add(name);
    } else {
      throw new Error(`unknown argument "${arg}"\n${usage}`);
    }
  }
  return { values, switches };
}

/** A whole number option within [min, max], or the fallback when not given. */
export function whole(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A name a benchmark may create and drop: joinedup_bench_… or …_bench, lower-case letters and underscores. */
export const isBenchDatabaseName = (name: string): boolean => /^(joinedup_bench_[a-z_]+|[a-z][a-z_]*_bench)$/.test(name);
