import { Client } from 'pg';
import { generateScanData, removeScanData } from './scan-data';
import { ScanTiming, median, pass } from './scan-timing';

/** Each timing is taken this many times; the median is reported. */
export const REPEATS = 3;
/** Scans at once in the concurrent pass over many tenants (the worker's own parallelism). */
export const CONCURRENCY = 4;

export interface PhaseFigures {
  label: string;
  tenants: number;
  localities: number;
  generationMs: number;
  /** Rows of each table the rules read, over the phase's tenants. */
  tableRows: Map<string, number>;
  rowsScanned: number;
  /** Findings of the bare query (over all tenants), and flags open after a first scan. */
  findings: number;
  openFlags: number;
  bareMs: number;
  firstScanMs: number;
  rescanMs: number;
  /** Many tenants only: the same passes with CONCURRENCY scans at once. */
  concurrent?: { bareMs: number; firstScanMs: number; rescanMs: number };
}

export interface PhaseContext {
  owner: Client;
  timing: ScanTiming;
  day: string;
  asOf: Date;
  progress: (line: string) => void;
}

/**
 * Generates `localities` localities over `tenants` tenants (after removing the previous
 * phase's data) and times, as medians of REPEATS runs: the bare findings query, a first
 * full scan (from no flags: it raises them all) and a rescan (it refreshes them). With
 * several tenants each timing is one pass over all of them, serially and CONCURRENCY at once.
 */
export async function measurePhase(ctx: PhaseContext, label: string, tenants: number, localities: number): Promise<PhaseFigures> {
  const { owner, timing, asOf, progress } = ctx;
  progress(`${label}: generating ${localities} localities in ${tenants} tenant(s)`);
  await removeScanData(owner);
  const data = await generateScanData(owner, { tenants, localities, day: ctx.day }, progress);
  const ids = data.tenantIds;
  const tables = await timing.tablesRead(ids[0], asOf);
  const tableRows = await countRows(owner, tables, ids);

  progress(`${label}: timing (${REPEATS} runs each, median)`);
  const bare = (concurrency: number) => pass(ids, concurrency, (id) => timing.bareScan(id, asOf));
  let openFlags = 0;
  const firstScan = async (concurrency: number) => {
    await resetFlags(owner);
    openFlags = 0;
    return pass(ids, concurrency, async (id) => {
      openFlags += (await timing.fullScan(id, asOf)).value.open;
    });
  };
  const rescan = (concurrency: number) => pass(ids, concurrency, (id) => timing.fullScan(id, asOf));

  // Once untimed: warms the caches (every timing below reads the same pages) and counts the findings.
  let findings = 0;
  await pass(ids, 1, async (id) => {
    findings += (await timing.bareScan(id, asOf)).value;
  });
  const bareMs = await median(REPEATS, () => bare(1));
  const firstScanMs = await median(REPEATS, () => firstScan(1));
  // A table in service has statistics on its flags; right after the truncation it has none.
  await analyzeFlags(owner);
  const rescanMs = await median(REPEATS, () => rescan(1));
  const figures: PhaseFigures = {
    label,
    tenants,
    localities,
    generationMs: data.durationMs,
    tableRows,
    rowsScanned: [...tableRows.values()].reduce((a, b) => a + b, 0),
    findings,
    openFlags,
    bareMs,
    firstScanMs,
    rescanMs,
  };
  if (tenants > 1) {
    const concurrentBare = await median(REPEATS, () => bare(CONCURRENCY));
    const concurrentFirst = await median(REPEATS, () => firstScan(CONCURRENCY));
    await analyzeFlags(owner);
    const concurrentRescan = await median(REPEATS, () => rescan(CONCURRENCY));
    figures.concurrent = { bareMs: concurrentBare, firstScanMs: concurrentFirst, rescanMs: concurrentRescan };
  }
  return figures;
}

/** No flags, scans or snapshots: the next scan raises every flag it finds. */
async function resetFlags(owner: Client): Promise<void> {
  await owner.query(`truncate governance_flag_locality, governance_flag, health_snapshot, governance_scan`);
}

async function analyzeFlags(owner: Client): Promise<void> {
  await owner.query(`analyze governance_flag, health_snapshot, governance_scan`);
}

async function countRows(owner: Client, tables: string[], tenantIds: string[]): Promise<Map<string, number>> {
  const rows = new Map<string, number>();
  const { rows: perTenant } = await owner.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' and table_name = any($1)`,
    [tables],
  );
  const tenantTables = new Set(perTenant.map((row) => row.table_name));
  for (const table of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Unexpected table name in the plan: ${table}`);
    const { rows: counted } = tenantTables.has(table)
      ? await owner.query<{ n: number }>(`select count(*)::int as n from ${table} where tenant_id = any($1::uuid[])`, [tenantIds])
      : await owner.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    rows.set(table, counted[0].n);
  }
  return rows;
}
