import { DataSource } from 'typeorm';
import { AppConfig } from '@joinedup/config';

/**
 * A purge of rows that have served their purpose. `sql` calls a SECURITY DEFINER
 * function (the worker reads each tenant under its own row-level security, but purges
 * across tenants) with $1 the age as an interval and $2 the batch size, and returns the
 * number of rows it deleted as `purged`.
 */
export interface RetentionPurge {
  name: string;
  sql: string;
  /** Rows older than this are deleted, as a PostgreSQL interval ('7 days'). */
  olderThan: (config: AppConfig) => string;
}

/** Every purge the maintenance job runs; add a new one here. */
export const RETENTION_PURGES: readonly RetentionPurge[] = [
  {
    name: 'dispatched outbox events',
    sql: `select purge_dispatched_outbox($1::interval, $2) as purged`,
    olderThan: (config) => `${config.outboxRetentionDays} days`,
  },
  {
    name: 'spent refresh tokens',
    sql: `select purge_spent_refresh_tokens($1::interval, $2) as purged`,
    olderThan: (config) => `${config.refreshTokenRetentionDays} days`,
  },
  {
    name: 'sign-in throttles past their window',
    sql: `select purge_sign_in_throttles($1::interval, $2) as purged`,
    olderThan: (config) => `${config.signIn.windowMinutes} minutes`,
  },
  {
    name: 'health snapshots beyond one a day',
    sql: `select purge_health_snapshot_detail($1::interval, $2) as purged`,
    olderThan: (config) => `${config.governance.snapshotDetailDays} days`,
  },
  {
    name: 'governance scans',
    sql: `select purge_governance_scans($1::interval, $2) as purged`,
    olderThan: (config) => `${config.governance.scanRetentionDays} days`,
  },
  {
    name: 'webhook deliveries',
    sql: `select purge_webhook_deliveries($1::interval, $2) as purged`,
    olderThan: (config) => `${config.webhooks.deliveryRetentionDays} days`,
  },
  {
    name: 'health-check throttles past their window',
    sql: `select purge_survey_attempt_throttles($1::interval, $2) as purged`,
    olderThan: (config) => `${config.healthCheck.addressWindowMinutes} minutes`,
  },
];

export interface PurgeOptions {
  /** Rows deleted per statement: each is a short transaction of its own. */
  batchSize?: number;
  /** Statements per purge and run, so one run stays bounded; the rest waits for the next. */
  maxBatches?: number;
}

/** Runs each purge in batches until it runs dry; returns the rows deleted per purge name. */
export async function runRetentionPurges(
  dataSource: DataSource,
  config: AppConfig,
  purges: readonly RetentionPurge[] = RETENTION_PURGES,
  { batchSize = 1000, maxBatches = 100 }: PurgeOptions = {},
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const purge of purges) {
    deleted[purge.name] = 0;
    for (let batch = 0; batch < maxBatches; batch++) {
      const [row] = (await dataSource.query(purge.sql, [purge.olderThan(config), batchSize])) as { purged: number }[];
      deleted[purge.name] += row.purged;
      if (row.purged < batchSize) break;
    }
  }
  return deleted;
}
