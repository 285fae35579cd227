import { Client } from 'pg';
import { RequestStore, requestContext } from '@joinedup/context';
import { TenantDb, isUniqueViolation, violatedConstraint } from '@joinedup/database';
import { AppError } from '@joinedup/errors';
import { AppLogger } from '@joinedup/logging';
import { ApiHarness, TestTenant } from './support/api-harness';
import { RegistryFactory } from './support/registry-factory';
import { eventually } from './support/eventually';

/**
 * A prepared statement (the one-statement read, the governance scan's flag upsert) fails
 * as any other statement does: recognised by its SQLSTATE, a timeout is REQUEST_TIMEOUT,
 * and a failed one-statement read leaves no aborted transaction behind for execution.
 */
describe('prepared statements', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let db: TenantDb;

  beforeAll(async () => {
    api = await ApiHarness.start({ REQUEST_TIMEOUT_MS: '1000' });
    tenant = await api.newTenant('prepared');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    db = api.app.get(TenantDb);
  });
  afterAll(() => api.stop());
  afterEach(() => jest.restoreAllMocks());

  /** What `work` throws in an operation of the tenant with the request's deadline. */
  async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
    const store: RequestStore = { requestId: 'prepared-test', scope: { tenantId: tenant.id } };
    const operation = db.beginOperation(store);
    const failure = await requestContext.run(store, work).then(() => undefined, (error: unknown) => error);
    await operation.finish(false);
    return failure;
  }

  it('stops a prepared statement past the deadline with REQUEST_TIMEOUT', async () => {
    const failure = await failureOf(() => db.query(`select pg_sleep($1)`, [5], { prepared: true }));
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('REQUEST_TIMEOUT');
  });

  it('recognises a unique violation of a prepared statement, with its constraint', async () => {
    const code = `P${Date.now() % 1e8}`;
    const insert = `insert into locality (tenant_id, name, code) values (current_setting('app.tenant_id')::uuid, $1, $2)`;
    const failure = await failureOf(async () => {
      await db.query(insert, ['First', code], { prepared: true });
      await db.query(insert, ['Second', code], { prepared: true });
    });
    expect(isUniqueViolation(failure)).toBe(true);
    expect(violatedConstraint(failure)).toBe('locality_code_key');
  });

  // The second time a query comes, the middleware sends its read before Apollo's pipeline (CompiledReadMiddleware).
  it.each([['the first time'], ['again']])('logs a failed one-statement read sent %s, once, and answers by execution in a new transaction', async (when) => {
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    const [body] = await make.members(locality.id, 1);
    await make.programme(locality.id, [body.id]);
    // The alias names this read's statement: files running beside this one read programmes too, and wait on the same lock.
    const query = `query($id: ID!) { locality: locality(id: $id) { name programmes { name } } preparedFailure: __typename }`;
    if (when === 'again') expect((await api.graphql(query, { id: locality.id }, coordinator)).errors).toBeUndefined();
    const warnings = jest.spyOn(AppLogger.prototype, 'warn');
    // The read waits on a lock of programme; cancelling it fails it well before the deadline.
    const holder = new Client({ connectionString: api.config.databaseMigrationUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table programme in access exclusive mode');
      const answer = api.graphql(query, { id: locality.id }, coordinator);
      const waiting = await eventually(async () => {
        const [row] = await api.owner.query(
          `select pid from pg_stat_activity where application_name = 'joinedup-api' and wait_event_type = 'Lock' and query like 'select concat(%' and query like '%"preparedFailure"%'`,
        );
        return row as { pid: number } | undefined;
      }, 900);
      expect(waiting).toBeDefined();
      await api.owner.query(`select pg_cancel_backend($1)`, [waiting!.pid]);
      await holder.query('rollback');
      const result = await answer;
      expect(result.errors).toBeUndefined();
      expect(result.data!.locality).toEqual({ name: locality.name, programmes: [{ name: expect.any(String) }] });
    } finally {
      await holder.end();
    }
    const failures = warnings.mock.calls.filter(([message]) => /^The one-statement read of locality, __typename failed/.test(String(message)));
    expect(failures).toEqual([[expect.any(String), 'JsonReads']]);
  });
});
