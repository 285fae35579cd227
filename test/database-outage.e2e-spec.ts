import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiHarness, TestTenant } from './support/api-harness';
import { PrivateDatabase, privateDatabase } from './support/private-database';
import { TcpProxy } from './support/tcp-proxy';
import { eventually } from './support/eventually';

interface LogLine {
  level: number;
  msg: string;
  context?: string;
}

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const USERS = `{ users(first: 5) { nodes { id } } }`;
const CHANGE_ROLE = `mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { id role } }`;

/**
 * PostgreSQL unreachable (a proxy in front of it cut): clients are told to retry later,
 * and each failed request is one log line.
 */
describe('API while PostgreSQL is unreachable', () => {
  let database: PrivateDatabase;
  let proxy: TcpProxy;
  let api: ApiHarness;
  let tenant: TestTenant;
  const log: LogLine[] = [];

  beforeAll(async () => {
    database = await privateDatabase('pg_outage');
    const direct = new URL(database.env.DATABASE_URL);
    proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const destination = { write: (line: string) => void log.push(JSON.parse(line) as LogLine) };
    api = await ApiHarness.start(
      { ...(process.env as Record<string, string>), ...database.env, DATABASE_URL: proxy.through(database.env.DATABASE_URL), LOG_LEVEL: 'info' },
      { logDestination: destination },
    );
    tenant = await api.newTenant('pg-outage');
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await api?.stop();
    await proxy?.cut();
    await database?.drop();
  });

  const post = (query: string, variables: Record<string, unknown> = {}) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.adminToken}` },
      body: JSON.stringify({ query, variables }),
    });

  it('answers SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, logging one line per failed request', async () => {
    expect((await post(USERS)).status).toBe(200);
    // The read's transaction ends just after its answer: let it end before the cut.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.cut();
    const before = log.length;
    const input = { email: `o-${randomUUID().slice(0, 8)}@example.org`, displayName: 'O', password: 'long enough password', role: 'REVIEWER' };
    const requestIds: string[] = [];
    for (const [query, variables] of [[USERS, {}], [CREATE, { input }]] as const) {
      const response = await post(query, variables);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = (await response.json()) as { errors: { message: string; extensions: { requestId: string } }[] };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].message).toBe('JoinedUp cannot reach its database just now. Please try again in a few seconds.');
      expect(body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) });
      requestIds.push(body.errors[0].extensions.requestId);
    }
    const lines = log.slice(before);
    for (const requestId of requestIds) {
      expect(lines.filter((line) => JSON.stringify(line).includes(requestId))).toHaveLength(1);
    }
    // Besides the pool's own line per lost connection ("PostgreSQL connection lost"), nothing else.
    expect(lines.filter((line) => line.level >= 40 && line.context !== 'Database')).toHaveLength(requestIds.length);
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(503);
  });

  it('serves again once PostgreSQL is back', async () => {
    await proxy.restore();
    expect(await eventually(async () => (await post(USERS)).status === 200)).toBe(true);
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  });

  it('answers SERVICE_UNAVAILABLE, logged once, for a change in flight when PostgreSQL goes away, and saves nothing', async () => {
    const reviewer = await api.newUser(tenant, 'REVIEWER');
    // The change waits for a row the test locks (on a connection that bypasses the proxy).
    const holder = new Client({ connectionString: database.env.DATABASE_MIGRATION_URL });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`select 1 from app_user where id = $1 for update`, [reviewer.id]);
    const before = log.length;
    const pending = post(CHANGE_ROLE, { input: { userId: reviewer.id, role: 'COORDINATOR' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await proxy.cut();
    const response = await pending;
    await holder.query('rollback');
    await holder.end();

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { errors: { extensions: { code: string; requestId: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    const lines = log.slice(before).filter((line) => line.context !== 'Database');
    expect(lines.filter((line) => JSON.stringify(line).includes(body.errors[0].extensions.requestId))).toHaveLength(1);
    expect(lines.filter((line) => line.level >= 40)).toHaveLength(1);
    const [row] = await api.owner.query(`select role from app_user where id = $1`, [reviewer.id]);
    expect(row.role).toBe('REVIEWER');
    await proxy.restore();
  });
});
