import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { performance } from 'node:perf_hooks';
import { AppConfig, ConfigModule } from '@joinedup/config';
import { DatabaseModule, TenantDb } from '@joinedup/database';
import {
  GOVERNANCE_RULES,
  GovernanceEngineModule,
  GovernanceScanner,
  RuleSettingRow,
  ScanResult,
  effectiveSettings,
  findingsParameters,
  findingsQuery,
} from '@joinedup/governance';

/** The governance engine as the worker runs it: configuration, the database, the scanner and its event sink. */
@Module({})
class BenchModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BenchModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot({ applicationName: 'joinedup-bench' }), GovernanceEngineModule],
    };
  }
}

export interface Timed<T> {
  ms: number;
  value: T;
}

/**
 * Times the two things the benchmark compares, as the application role under each
 * tenant's row-level security: a full scan by GovernanceScanner (findings, flag merge,
 * health snapshots, one transaction), and the bare findings query counted in a tenant
 * transaction (the same rules and joins, nothing written).
 */
export class ScanTiming {
  private constructor(
    private readonly app: INestApplicationContext,
    private readonly scanner: GovernanceScanner,
    private readonly db: TenantDb,
  ) {}

  static async start(config: AppConfig): Promise<ScanTiming> {
    const app = await NestFactory.createApplicationContext(BenchModule.forRoot(config), { logger: ['error', 'warn'] });
    return new ScanTiming(app, app.get(GovernanceScanner), app.get(TenantDb));
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  /** The rules the scanner runs (all built-in ones; a tenant's settings may disable some). */
  get ruleCount(): number {
    return GOVERNANCE_RULES.length;
  }

  fullScan(tenantId: string, asOf: Date): Promise<Timed<ScanResult>> {
    return timed(() => this.scanner.scan({ tenantId, asOf, trigger: 'REQUEST' }));
  }

  /**
   * `select count(*)` over the findings of every enabled rule, run as the scanner runs its
   * statement: same settings (time zone, no JIT, work_mem) and prepared, so the ratio
   * measures the scan's own work (the flag merge and the scores), not a difference in setup.
   */
  bareScan(tenantId: string, asOf: Date): Promise<Timed<number>> {
    return timed(() =>
      this.inTenant(tenantId, asOf, async (sql, parameters) => {
        const [row] = await this.db.query<{ findings: number }>(`select count(*)::int as findings from (${sql}) as f`, parameters, {
          prepared: true,
        });
        return row.findings;
      }),
    );
  }

  /** The tables the findings query reads, from its plan: what "rows scanned" counts. */
  tablesRead(tenantId: string, asOf: Date): Promise<string[]> {
    return this.inTenant(tenantId, asOf, async (sql, parameters) => {
      const [row] = await this.db.query<{ 'QUERY PLAN': unknown }>(`explain (format json) select count(*) from (${sql}) as f`, parameters);
      const names = new Set<string>();
      collectRelations(row['QUERY PLAN'], names);
      return [...names].sort();
    });
  }

  private inTenant<T>(tenantId: string, asOf: Date, work: (sql: string, parameters: unknown[]) => Promise<T>): Promise<T> {
    return this.db.run({ tenantId }, async () => {
      await this.db.query(`select set_config('TimeZone', 'UTC', true), set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
      const stored = await this.db.query<RuleSettingRow>(`select rule_code, enabled, severity, thresholds from governance_rule_setting`);
      const settings = effectiveSettings(GOVERNANCE_RULES, stored);
      return work(findingsQuery(GOVERNANCE_RULES, settings), findingsParameters(asOf, null, settings));
    });
  }
}

/** Runs `work` for every item, at most `concurrency` at a time; the wall time of the whole pass. */
export async function pass<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return performance.now() - started;
}

/** The median of `times` runs of `run` (each returns its own duration in ms). */
export async function median(times: number, run: () => Promise<number>): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) durations.push(await run());
  durations.sort((a, b) => a - b);
  return durations[Math.floor(durations.length / 2)];
}

async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function collectRelations(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRelations(item, names);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Relation Name' && typeof value === 'string') names.add(value);
      else collectRelations(value, names);
    }
  }
}
