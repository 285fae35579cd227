import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@joinedup/config';
import { ReadTenant, generateReadData } from './read-data';
import { ScanTiming } from './scan-timing';
import { generateConflicts } from './web-data-conflicts';

/** Weekly governance scans up to today: a year of health, the trend a locality page charts month by month. */
const TREND_WEEKS = 52;

export interface WebData {
  tenant: ReadTenant;
  /** The locality of 40 member bodies whose pages are read. */
  localityId: string;
  /** Flags open and health snapshots of that tenant after the scans. */
  openFlags: number;
  /** Conflicts of that locality, in every state, under its agreed process. */
  conflicts: number;
  snapshots: number;
  rows: number;
  durationMs: number;
}

/**
 * One locality of 40 member bodies (two people each, six ACTIVE programmes with agreed
 * leaders: bench:read's generator), beside a tenant whose rows row-level security must
 * hide; then the governance scans as the worker runs them, one a week for TREND_WEEKS
 * weeks up to now, which raise its flags and store a health snapshot of the locality and
 * of each programme each time.
 */
export async function generateWebData(
  config: AppConfig,
  ownerSource: DataSource,
  owner: Client,
  progress: (line: string) => void,
): Promise<WebData> {
  const started = Date.now();
  const data = await generateReadData(ownerSource, owner, 1, progress, 'bench-web');
  progress('  the conflict log: an agreed process and conflicts in every state');
  const conflicts = await generateConflicts(owner, data.measured.id, data.measured.adminId, data.fullLocalityIds[0]);
  progress(`  governance scans, one a week for ${TREND_WEEKS} weeks`);
  const scans = await ScanTiming.start(config);
  let openFlags = 0;
  try {
    for (let week = TREND_WEEKS - 1; week >= 0; week--) {
      openFlags = (await scans.fullScan(data.measured.id, new Date(Date.now() - week * 7 * 86_400_000))).value.open;
    }
  } finally {
    await scans.close();
  }
  const [{ snapshots }] = (await owner.query<{ snapshots: number }>(`select count(*)::int as snapshots from health_snapshot where tenant_id = $1`, [data.measured.id])).rows;
  return {
    tenant: data.measured,
    localityId: data.fullLocalityIds[0],
    openFlags,
    conflicts,
    snapshots,
    rows: data.rows + snapshots + conflicts,
    durationMs: Date.now() - started,
  };
}
