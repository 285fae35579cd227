import { EntityManager } from 'typeorm';
import { DemoContext } from './demo-context';
import { loadConflicts } from './demo-conflicts.loader';
import { loadGovernanceRecords } from './demo-governance-records.loader';
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
    if (Object.keys(ctx.added).length) {
      await ctx.insert(
        'audit_event',
        `insert into audit_event (tenant_id, action, entity_type, entity_id, after) values ($1, 'demo.loaded', 'TENANT', $1, $2)`,
        [ctx.tenantId, JSON.stringify(ctx.added)],
      );
    }
    return users;
  }
}
