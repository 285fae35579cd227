import { EntityManager } from 'typeorm';
import { DOMAIN_EVENT, EventPayload } from '@joinedup/events';
import { DemoContext } from './demo-context';
import { loadConflicts } from './demo-conflicts.loader';
import { loadGovernanceRecords } from './demo-governance-records.loader';
import { loadHealthCheck } from './demo-health-check.loader';
import { loadImprovement } from './demo-improvement.loader';
import { loadProgrammes } from './demo-programmes.loader';
import { loadRegistry } from './demo-registry.loader';
import { loadRoles } from './demo-roles.loader';
import { DemoUserSummary, loadUsers } from './demo-users.loader';

/**
 * Writes the demo data set into one tenant inside the caller's tenant transaction. Every
 * record is looked up by its natural key first and inserted only when missing, so a
 * re-run adds nothing; `added` counts what this run inserted, by table. Each area has its
 * own loader (demo-*.loader.ts) over its own data file (demo-*.data.ts); this only runs
 * them in the order their records depend on each other.
 */
export class DemoLoader {
  private readonly context: DemoContext;

  constructor(
    manager: EntityManager,
    tenantId: string,
    now: Date,
    private readonly passwordHash: () => Promise<string>,
  ) {
    this.context = new DemoContext(manager, tenantId, now);
  }

  get added(): Record<string, number> {
    return this.context.added;
  }

  async load(slug: string): Promise<DemoUserSummary[]> {
    const ctx = this.context;
    // Two runs on one tenant at once would both see a record missing; take turns.
    await ctx.query(`select pg_advisory_xact_lock(hashtext('joinedup.seed-demo'), hashtext($1))`, [ctx.tenantId]);
    await loadRegistry(ctx);
    const users = await loadUsers(ctx, slug, this.passwordHash);
    await loadProgrammes(ctx);
    await loadRoles(ctx);
    await loadConflicts(ctx);
    await loadImprovement(ctx);
    await loadGovernanceRecords(ctx);
    await loadHealthCheck(ctx);
    if (Object.keys(ctx.added).length) {
      await requestGovernanceScan(ctx);
      await ctx.insert(
        'audit_event',
        `insert into audit_event (tenant_id, action, entity_type, entity_id, after) values ($1, 'demo.loaded', 'TENANT', $1, $2)`,
        [ctx.tenantId, JSON.stringify(ctx.added)],
      );
    }
    return users;
  }
}

/**
 * Queues a full governance scan of the tenant (a worker runs it once this commits), so
 * the demo's flags and health scores appear without waiting for the daily scan. The
 * loader writes rows directly, not through the services that record outbox events.
 */
async function requestGovernanceScan(ctx: DemoContext): Promise<void> {
  const [scan] = await ctx.query(
    `insert into governance_scan (tenant_id, locality_id, trigger) values ($1, null, 'REQUEST') returning id`,
    [ctx.tenantId],
  );
  const payload: EventPayload<'scanRequested'> = { scanId: scan.id, localityId: null };
  await ctx.query(`insert into outbox_event (tenant_id, type, payload) values ($1, $2, $3)`, [ctx.tenantId, DOMAIN_EVENT.scanRequested, JSON.stringify(payload)]);
}
