import { Client, DatabaseError, escapeIdentifier } from 'pg';
import { applicationRole } from '@joinedup/config';
import { ApiHarness, SIGN_IN, TestTenant } from './support/api-harness';

/** A table of schema public whose rows belong to one tenant, and the column that says which. */
interface TenantTable {
  name: string;
  column: 'tenant_id' | 'id';
}

/**
 * Tenant isolation is the database's job: these tests read the catalog and then talk to
 * PostgreSQL directly as the application role, with no API in between.
 */
describe('row-level security', () => {
  let api: ApiHarness;
  let appRole: string;
  let tables: TenantTable[];
  let a: TestTenant;
  let b: TestTenant;
  /** A connection as the application role, as the API and the worker make them. */
  let app: Client;

  beforeAll(async () => {
    api = await ApiHarness.start();
    appRole = applicationRole(api.config).name;
    // Rows in as many tables as the foundation has: users, sessions, refresh tokens,
    // audit and outbox events (createUser), and a failed sign-in.
    a = await api.newTenant('rls-a');
    b = await api.newTenant('rls-b');
    for (const tenant of [a, b]) {
      await api.newUser(tenant, 'COORDINATOR');
      await api.graphql(SIGN_IN, { input: { tenant: tenant.slug, email: tenant.admin.email, password: 'not the password' } });
    }
    const withTenantId = (await api.owner.query(
      `select c.relname as name
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute att on att.attrelid = c.oid and att.attname = 'tenant_id' and not att.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
    )) as { name: string }[];
    // The tenant table is isolated by its own id.
    tables = [{ name: 'tenant', column: 'id' }, ...withTenantId.map(({ name }) => ({ name, column: 'tenant_id' as const }))];
    app = new Client({ connectionString: api.config.databaseUrl, application_name: 'joinedup-rls-test' });
    await app.connect();
  });
  afterAll(async () => {
    await app?.end();
    await api.stop();
  });

  /** Runs `work` as the application role in a transaction acting for `tenantId`, then rolls back. */
  async function asTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    await app.query('begin');
    try {
      await app.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      return await work();
    } finally {
      await app.query('rollback');
    }
  }

  /** The SQLSTATE a statement fails with, inside a savepoint so the transaction goes on. */
  async function refusal(sql: string, parameters: unknown[] = []): Promise<string | undefined> {
    await app.query('savepoint probe');
    try {
      await app.query(sql, parameters);
      await app.query('release savepoint probe');
      return undefined;
    } catch (error) {
      await app.query('rollback to savepoint probe');
      return (error as DatabaseError).code;
    }
  }

  async function readableTables(): Promise<TenantTable[]> {
    const readable = [];
    for (const table of tables) {
      const [row] = await api.owner.query(`select has_table_privilege($1, $2, 'SELECT') as ok`, [appRole, table.name]);
      if (row.ok) readable.push(table);
    }
    return readable;
  }

  /**
   * Built-in reference data every tenant reads: rows of these tables without a tenant (the
   * health check's 2007 instrument). Any other table's rows all belong to a tenant.
   */
  const SHARED_ROWS = ['survey_instrument', 'survey_statement'];
  /** Rows that belong to some tenant: all of them, except the built-in rows of SHARED_ROWS. */
  const tenantRows = (table: TenantTable) => (SHARED_ROWS.includes(table.name) ? `${escapeIdentifier(table.column)} is not null` : 'true');

  const count = async (table: TenantTable, where = 'true', parameters: unknown[] = []): Promise<number> =>
    Number((await app.query(`select count(*) as n from ${escapeIdentifier(table.name)} where ${where}`, parameters)).rows[0].n);

  describe('the catalog', () => {
    it('finds the foundation’s tenant tables (the check below is not vacuous)', () => {
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['tenant', 'app_user', 'auth_session', 'refresh_token', 'sign_in_throttle', 'outbox_event']),
      );
    });

    it('has row-level security enabled and forced on every tenant table, with a policy that both filters and checks', async () => {
      const problems: string[] = [];
      for (const table of tables) {
        const [flags] = await api.owner.query(
          `select relrowsecurity, relforcerowsecurity from pg_class where oid = $1::regclass`,
          [escapeIdentifier(table.name)],
        );
        if (!flags.relrowsecurity) problems.push(`${table.name}: row-level security is not enabled`);
        if (!flags.relforcerowsecurity) problems.push(`${table.name}: row-level security is not forced`);

        const policies = (await api.owner.query(
          `select polname, polpermissive,
                  pg_get_expr(polqual, polrelid) as using_expr,
                  pg_get_expr(polwithcheck, polrelid) as check_expr
             from pg_policy where polrelid = $1::regclass`,
          [escapeIdentifier(table.name)],
        )) as { polname: string; polpermissive: boolean; using_expr: string | null; check_expr: string | null }[];
        if (!policies.some((p) => p.using_expr && p.check_expr)) {
          problems.push(`${table.name}: no policy with both USING and WITH CHECK`);
        }
        // Permissive policies are OR-ed together: one that does not name the tenant opens the table.
        const scoped = (expr: string) => expr.includes(table.column) && expr.includes(`'app.tenant_id'`);
        for (const policy of policies.filter((p) => p.polpermissive)) {
          for (const expr of [policy.using_expr, policy.check_expr]) {
            if (expr && !scoped(expr)) problems.push(`${table.name}: policy ${policy.polname} is not scoped to the tenant: ${expr}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('has no view that would read tenant tables with its owner’s rights', async () => {
      const views = await api.owner.query(
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('v', 'm')
            and not coalesce('security_invoker=true' = any(c.reloptions), false)
            and has_table_privilege($1, c.oid, 'SELECT')`,
        [appRole],
      );
      expect(views).toEqual([]);
    });
  });

  describe('the application role', () => {
    it('is the role the application connects as', async () => {
      expect((await app.query('select current_user as name')).rows[0].name).toBe(appRole);
    });

    it('is not a superuser and cannot bypass row-level security, not even through a role it can become', async () => {
      const roles = await api.owner.query(
        `select r.rolname, r.rolsuper, r.rolbypassrls from pg_roles r where pg_has_role($1, r.oid, 'MEMBER')`,
        [appRole],
      );
      expect(roles).toContainEqual({ rolname: appRole, rolsuper: false, rolbypassrls: false });
      expect(roles.filter((r: { rolsuper: boolean; rolbypassrls: boolean }) => r.rolsuper || r.rolbypassrls)).toEqual([]);
    });

    it('owns no table, view, sequence or function in public, directly or through a role it belongs to', async () => {
      const owned = await api.owner.query(
        `select c.relname as name, c.relkind as kind, pg_get_userbyid(c.relowner) as owner
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and pg_has_role($1, c.relowner, 'MEMBER')
         union all
         select p.proname, 'function', pg_get_userbyid(p.proowner)
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and pg_has_role($1, p.proowner, 'MEMBER')`,
        [appRole],
      );
      expect(owned).toEqual([]);
      // Nor can it make itself an owner, by owning the database or creating in public.
      const [rights] = await api.owner.query(
        `select pg_has_role($1, d.datdba, 'MEMBER') as owns_database,
                has_schema_privilege($1, 'public', 'CREATE') as creates_in_public
           from pg_database d where d.datname = current_database()`,
        [appRole],
      );
      expect(rights).toEqual({ owns_database: false, creates_in_public: false });
    });

    it('may not truncate, add triggers to or reference any table (TRUNCATE ignores row-level security)', async () => {
      const granted = await api.owner.query(
        `select c.relname, p.privilege
           from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
           cross join unnest(array['TRUNCATE', 'TRIGGER', 'REFERENCES']) as p(privilege)
          where n.nspname = 'public' and c.relkind in ('r', 'p') and has_table_privilege($1, c.oid, p.privilege)`,
        [appRole],
      );
      expect(granted).toEqual([]);
    });

    it('cannot rewrite or delete the audit trail, users or outbox events of its own tenant', async () => {
      await asTenant(a.id, async () => {
        expect(await refusal(`update audit_event set action = 'user.forged'`)).toBe('42501');
        expect(await refusal(`delete from audit_event`)).toBe('42501');
        expect(await refusal(`delete from app_user`)).toBe('42501');
        expect(await refusal(`delete from outbox_event`)).toBe('42501');
        expect(await refusal(`truncate sign_in_throttle`)).toBe('42501');
        // Per-address sign-in limits span tenants: reachable only through their functions.
        expect(await refusal(`select * from sign_in_address_throttle`)).toBe('42501');
      });
    });
  });

  describe('with no tenant set', () => {
    it('reads every tenant table as empty, although they hold rows', async () => {
      const readable = await readableTables();
      const holding: string[] = [];
      const seen: Record<string, number> = {};
      for (const table of readable) {
        const [owned] = await api.owner.query(`select exists (select from ${escapeIdentifier(table.name)}) as any`);
        if (owned.any) holding.push(table.name);
        seen[table.name] = await count(table, tenantRows(table));
      }
      expect(holding).toEqual(
        expect.arrayContaining(['tenant', 'app_user', 'auth_session', 'refresh_token', 'sign_in_throttle', 'outbox_event', 'audit_event']),
      );
      expect(seen).toEqual(Object.fromEntries(readable.map((t) => [t.name, 0])));
    });

    it('reads nothing again once a transaction that set the tenant has ended (pooled connections)', async () => {
      await app.query('begin');
      await app.query(`select set_config('app.tenant_id', $1, true)`, [a.id]);
      expect(await count({ name: 'app_user', column: 'tenant_id' })).toBeGreaterThan(0);
      await app.query('commit');
      // current_setting now reads '' rather than NULL; the policies must treat it as no tenant.
      expect((await app.query(`select current_setting('app.tenant_id', true) as v`)).rows[0].v).toBe('');
      expect(await count({ name: 'app_user', column: 'tenant_id' })).toBe(0);
      expect(await count({ name: 'tenant', column: 'id' })).toBe(0);
    });

    it('refuses to write a row for any tenant', async () => {
      await app.query('begin');
      try {
        expect(await refusal(`insert into outbox_event (tenant_id, type) values ($1, 'test.probe')`, [a.id])).toBe('42501');
        const updated = await app.query(`update app_user set display_name = 'Taken' where tenant_id = $1`, [a.id]);
        expect(updated.rowCount).toBe(0);
      } finally {
        await app.query('rollback');
      }
    });
  });

  describe('with a tenant set for the transaction', () => {
    it('sees exactly that tenant’s rows in every tenant table', async () => {
      const readable = await readableTables();
      const seen: Record<string, { others: number; own: number }> = {};
      const expected: Record<string, { others: number; own: number }> = {};
      await asTenant(a.id, async () => {
        for (const table of readable) {
          const column = escapeIdentifier(table.column);
          seen[table.name] = {
            others: await count(table, `${tenantRows(table)} and ${column} is distinct from $1`, [a.id]),
            own: await count(table, `${column} = $1`, [a.id]),
          };
        }
      });
      for (const table of readable) {
        const [owned] = await api.owner.query(
          `select count(*)::int as n from ${escapeIdentifier(table.name)} where ${escapeIdentifier(table.column)} = $1`,
          [a.id],
        );
        expected[table.name] = { others: 0, own: owned.n };
      }
      expect(seen).toEqual(expected);
      expect(seen.app_user.own).toBe(2);
    });

    it('shows rows without a tenant only in the tables of built-in reference data, and only the built-in instrument', async () => {
      const shared: string[] = [];
      for (const table of tables.filter((t) => t.column === 'tenant_id')) {
        const [row] = await api.owner.query(`select exists (select from ${escapeIdentifier(table.name)} where tenant_id is null) as any`);
        if (row.any) shared.push(table.name);
      }
      expect(shared.sort()).toEqual([...SHARED_ROWS].sort());
      await asTenant(a.id, async () => {
        expect((await app.query(`select name from survey_instrument`)).rows).toEqual([
          { name: 'Partnership health check (north east of England, 2007)' },
        ]);
        // The application may read them, never write them.
        await expect(app.query(`insert into survey_instrument (tenant_id, name, version) values (null, 'Mine', 1)`)).rejects.toThrow(
          /permission denied|row-level security/,
        );
      });
    });

    it('refuses, by WITH CHECK, to write a row of another tenant or move a row to it', async () => {
      await asTenant(a.id, async () => {
        expect(await refusal(`insert into outbox_event (tenant_id, type) values ($1, 'test.probe')`, [b.id])).toBe('42501');
        expect(
          await refusal(
            `insert into app_user (tenant_id, email, display_name, password_hash, role)
             values ($1, 'spy@example.org', 'Spy', 'x', 'TENANT_ADMIN')`,
            [b.id],
          ),
        ).toBe('42501');
        expect(await refusal(`update app_user set tenant_id = $1 where id = $2`, [b.id, a.adminId])).toBe('42501');
        // The tenant's own rows can still be written: the refusals above are about the tenant.
        expect(await refusal(`insert into outbox_event (tenant_id, type) values ($1, 'test.probe')`, [a.id])).toBeUndefined();

        // Another tenant's rows cannot be reached to change them at all.
        const renamed = await app.query(`update app_user set display_name = 'Taken' where tenant_id = $1`, [b.id]);
        const forgotten = await app.query(`delete from sign_in_throttle where tenant_id = $1`, [b.id]);
        expect([renamed.rowCount, forgotten.rowCount]).toEqual([0, 0]);
      });
      const [bAdmin] = await api.owner.query(`select tenant_id, display_name from app_user where id = $1`, [b.adminId]);
      expect(bAdmin).toEqual({ tenant_id: b.id, display_name: 'Tenant administrator' });
      const [failures] = await api.owner.query(`select count(*)::int as n from sign_in_throttle where tenant_id = $1`, [b.id]);
      expect(failures.n).toBe(1);
    });
  });
});
