import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { RequestStore, requestContext } from '@joinedup/context';
import { DATA_SOURCE, MAX_PREPARED, StatementCounter, TenantDb, sqlState } from '@joinedup/database';
import { ApiHarness, TestTenant, codeOf } from './support/api-harness';
import { RegistryFactory } from './support/registry-factory';

const ME = `{ me { id } }`;
const RENAME = `mutation($input: RenameLocalityInput!) { renameLocality(input: $input) { id name } }`;

/**
 * One GraphQL operation, one transaction, one connection at a time (issue 7, defect 14),
 * and no operation holds its connection past the request time limit.
 */
describe('the transaction of an operation', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;

  beforeAll(async () => {
    api = await ApiHarness.start({ REQUEST_TIMEOUT_MS: '1000' });
    tenant = await api.newTenant('unit-of-work');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
  });
  afterAll(() => api.stop());

  it('refuses signIn after a field that opened the transaction, and rolls the whole operation back', async () => {
    const session = await api.signIn(tenant.slug, tenant.admin.email, tenant.admin.password);
    const result = await api.graphql(
      `mutation($input: SignInInput!) { signOut signIn(input: $input) { accessToken } }`,
      { input: { tenant: tenant.slug, email: tenant.admin.email, password: tenant.admin.password } },
      session.accessToken,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/Send signIn in an operation of its own/);
    // signOut was rolled back with the operation: the session still works.
    expect(codeOf(await api.graphql(ME, {}, session.accessToken))).toBeUndefined();
  });

  it('runs signIn first and then the fields after it, in one request', async () => {
    const session = await api.signIn(tenant.slug, tenant.admin.email, tenant.admin.password);
    const result = await api.graphql(
      `mutation($input: SignInInput!) { signIn(input: $input) { user { id } } signOut }`,
      { input: { tenant: tenant.slug, email: tenant.admin.email, password: tenant.admin.password } },
      session.accessToken,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ signIn: { user: { id: tenant.adminId } }, signOut: true });
  });

  it('stops a request that runs past the time limit, saves nothing of it, and frees its connection', async () => {
    const locality = await new RegistryFactory(api, coordinator).locality('Before');
    // Another session holds the row, so the rename waits on its lock.
    const holder = new Client({ connectionString: api.config.databaseMigrationUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select id from locality where id = $1 for update`, [locality.id]);
      const started = performance.now();
      const result = await api.graphql(RENAME, { input: { localityId: locality.id, name: 'After' } }, coordinator);
      const took = performance.now() - started;
      expect(codeOf(result)).toBe('REQUEST_TIMEOUT');
      expect(result.errors?.[0].message).toMatch(/took too long/);
      expect(took).toBeLessThan(5000);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    const read = await api.ok(`query($id: ID!) { locality(id: $id) { name } }`, { id: locality.id }, coordinator);
    expect(read.locality.name).toBe('Before');
    // The connection went back to the pool: the same change now goes through.
    expect((await api.ok(RENAME, { input: { localityId: locality.id, name: 'After' } }, coordinator)).renameLocality.name).toBe('After');
  });

  it('checks the session as the transaction opens: signed out or deactivated is refused on the very next request, and no refusal keeps its connection', async () => {
    const refused = 'Your access token is invalid or has expired; sign in again.';
    const user = await api.newUser(tenant, 'REVIEWER');
    const other = await api.signIn(tenant.slug, user.email, user.password);
    const counted = async (token: string) => {
      const before = StatementCounter.total;
      const result = await api.graphql(ME, {}, token);
      return { result, statements: StatementCounter.total - before };
    };

    // One statement opens the transaction and checks the session, one reads, one commits.
    const live = await counted(other.accessToken);
    expect(codeOf(live.result)).toBeUndefined();
    expect(live.statements).toBe(3);

    await api.ok(`mutation { signOut }`, {}, other.accessToken);
    // The opening found no live session; the operation rolled its transaction back.
    const signedOut = await counted(other.accessToken);
    expect(codeOf(signedOut.result)).toBe('UNAUTHENTICATED');
    expect(signedOut.result.errors?.[0].message).toBe(refused);
    expect(signedOut.result.data).toBeNull();
    expect(signedOut.statements).toBe(2);
    // So it is where the session is checked apart (a resolver that hashes a password first).
    const apart = await api.graphql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email: `apart-${Date.now()}@${tenant.slug}.test`, displayName: 'Apart', password: 'another long passphrase', role: 'REVIEWER' } },
      other.accessToken,
    );
    expect(codeOf(apart)).toBe('UNAUTHENTICATED');
    expect(apart.errors?.[0].message).toBe(refused);
    // The user's other session is untouched.
    expect(codeOf(await api.graphql(ME, {}, user.token))).toBeUndefined();

    // Refused requests one after another and at once, more than the pool holds (two root
    // fields sharing one check): each gave its connection back, and the pool still serves.
    for (let i = 0; i < 12; i++) expect(codeOf(await api.graphql(ME, {}, other.accessToken))).toBe('UNAUTHENTICATED');
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => api.graphql(`{ me { id } localities(first: 5) { nodes { id } } }`, {}, other.accessToken)),
    );
    expect(burst.map(codeOf)).toEqual(burst.map(() => 'UNAUTHENTICATED'));
    const pool = (api.app.get<DataSource>(DATA_SOURCE).driver as unknown as { master: Pool }).master;
    // A query's answer goes out while its transaction ends: the last rollbacks may still be on their way.
    for (let waited = 0; pool.idleCount < pool.totalCount && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect({ idle: pool.idleCount, waiting: pool.waitingCount }).toEqual({ idle: pool.totalCount, waiting: 0 });
    expect(codeOf(await api.graphql(ME, {}, coordinator))).toBeUndefined();

    // Deactivated: the user's live session is refused on the very next request too.
    await api.ok(`mutation($id: ID!) { deactivateUser(input: { userId: $id }) { active } }`, { id: user.id }, tenant.adminToken);
    const deactivated = await api.graphql(ME, {}, user.token);
    expect(codeOf(deactivated)).toBe('UNAUTHENTICATED');
    expect(deactivated.errors?.[0].message).toBe(refused);
  });

  it('gives every connection back once its operation has ended', async () => {
    await Promise.all(Array.from({ length: 30 }, () => api.graphql(`{ me { id } localities(first: 5) { nodes { id } } }`, {}, coordinator)));
    const [row] = await api.owner.query(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state like 'idle in transaction%' and application_name = 'joinedup-api'
          and state_change < now() - interval '1 second'`,
    );
    expect(row.n).toBe(0);
  });

  it('prepares at most MAX_PREPARED statements on a connection; further texts still run, unprepared', async () => {
    const db = api.app.get(TenantDb);
    const store: RequestStore = { requestId: 'prepared-bound-test', scope: { tenantId: tenant.id } };
    const operation = db.beginOperation(store);
    const { sums, prepared } = await requestContext.run(store, async () => {
      const sums: number[] = [];
      for (let i = 0; i < MAX_PREPARED + 5; i++) {
        const [row] = await db.query<{ n: number }>(`select $1::int + ${i} as n`, [1], { prepared: true });
        sums.push(row.n);
      }
      const [count] = await db.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements`);
      return { sums, prepared: count.n };
    });
    await operation.finish(true);

    expect(sums).toEqual(Array.from({ length: MAX_PREPARED + 5 }, (_, i) => 1 + i));
    expect(prepared).toBeLessThanOrEqual(MAX_PREPARED);
  });

  it("opens a query's transaction read only: PostgreSQL refuses a write in it, and nothing is saved", async () => {
    const locality = await new RegistryFactory(api, coordinator).locality();
    const db = api.app.get(TenantDb);
    const store: RequestStore = { requestId: 'read-only-test', scope: { tenantId: tenant.id } };
    const operation = db.beginOperation(store);
    operation.markReadOnly();
    const attempt = await requestContext
      .run(store, () => db.query(`update locality set name = 'Written in a query' where id = $1`, [locality.id]))
      .then(() => 'written', (error: unknown) => sqlState(error));
    await operation.finish(false);

    expect(attempt).toBe('25006'); // read_only_sql_transaction
    const [row] = await api.owner.query(`select name from locality where id = $1`, [locality.id]);
    expect(row.name).toBe(locality.name);
  });

  it('opens every GraphQL query read only, and a mutation read-write', async () => {
    const locality = await new RegistryFactory(api, coordinator).locality();
    const openings = async (query: string, variables: Record<string, unknown> = {}) => {
      const sent: string[] = (StatementCounter.texts = []);
      try {
        await api.ok(query, variables, coordinator);
      } finally {
        StatementCounter.texts = null;
      }
      return sent.filter((sql) => sql.startsWith('begin'));
    };

    expect(await openings(ME)).toEqual([expect.stringMatching(/^begin read only; /)]);
    expect(await openings(RENAME, { input: { localityId: locality.id, name: 'Renamed by a mutation' } })).toEqual([
      expect.stringMatching(/^begin; /),
    ]);
  });
});

