import { Client } from 'pg';
import { registrySteps } from './scan-data-registry';
import { recordSteps } from './scan-data-records';

/** One statement of the generator, named for the progress line. */
export interface DataStep {
  label: string;
  sql: string;
}

export interface DataSpec {
  tenants: number;
  localities: number;
  /** The day the data leads up to ('YYYY-MM-DD'); every date written is on or before it. */
  day: string;
}

export interface GeneratedData {
  tenantIds: string[];
  durationMs: number;
}

/**
 * Fills the benchmark database with `localities` localities spread over `tenants` tenants
 * (locality n belongs to tenant n mod T), in one transaction of set-based statements. The
 * rows go through the schema's triggers and constraints like the application's would.
 *
 * Everything is derived from ordinals with a hash (pg_temp.r), so two runs write the same
 * data, and ids are md5 of the ordinals (pg_temp.bench_id), so every statement can compute the ids of the
 * rows an earlier one wrote. Working sets (b_*) are temporary tables dropped at commit.
 */
export async function generateScanData(owner: Client, spec: DataSpec, progress: (line: string) => void): Promise<GeneratedData> {
  const started = Date.now();
  const steps = [...HELPERS, ...registrySteps(spec), ...recordSteps(spec)];
  await owner.query('begin');
  try {
    for (const [index, step] of steps.entries()) {
      progress(`  ${String(index + 1).padStart(2)}/${steps.length} ${step.label}`);
      await owner.query(step.sql);
    }
    const { rows } = await owner.query<{ id: string }>(`select id from b_tenant order by k`);
    await owner.query('commit');
    // Statistics and the visibility map as a database in service would have them.
    progress('  vacuum analyze');
    await owner.query('vacuum (analyze)');
    return { tenantIds: rows.map((row) => row.id), durationMs: Date.now() - started };
  } catch (error) {
    await owner.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** Removes every tenant and all its rows (the next configuration starts empty). */
export async function removeScanData(owner: Client): Promise<void> {
  await owner.query(`truncate tenant cascade`);
}

/**
 * The id of a key: its md5 as a version-4 UUID, the form the API's id inputs accept
 * (a bare md5 is refused where an input is checked as a UUID, e.g. governanceFlags(localityId)).
 */
export const BENCH_ID = `
  create or replace function pg_temp.bench_id(k text) returns uuid language sql immutable
    as $$ select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18))::uuid from md5(k) as h $$`;

/** Ids (bench_id), and a deterministic number in [0, 1) for a key and a whole number in [0, n). */
const HELPERS: DataStep[] = [
  {
    label: 'helpers',
    sql: `${BENCH_ID};
      create or replace function pg_temp.r(k text) returns double precision language sql immutable parallel safe
        as $$ select ('x' || substr(md5(k), 1, 8))::bit(32)::bigint / 4294967296.0 $$;
      create or replace function pg_temp.ri(k text, n int) returns int language sql immutable parallel safe
        as $$ select floor(pg_temp.r(k) * n)::int $$;`,
  },
];
