import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiHarness, TestTenant } from './support/api-harness';
import { PrivateDatabase, privateDatabase } from './support/private-database';
import { freePort } from './support/free-port';

const ROOT = join(__dirname, '..');
const USERS = `{ users(first: 5) { nodes { id } } }`;
const CHANGE_ROLE = `mutation($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { id role } }`;

/**
 * SIGTERM to a real api process: it fails readiness first, keeps answering (asking clients
 * to close their kept-alive connections), then finishes what is in flight and exits.
 */
describe('api on SIGTERM', () => {
  jest.setTimeout(90_000);
  let database: PrivateDatabase;
  let harness: ApiHarness;
  let tenant: TestTenant;
  let api: ChildProcess;
  let url: string;
  const output: string[] = [];

  beforeAll(async () => {
    database = await privateDatabase('shutdown');
    // This process's api makes the tenant; the one under test runs as a process of its own.
    harness = await ApiHarness.start({ ...(process.env as Record<string, string>), ...database.env });
    tenant = await harness.newTenant('shutdown');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [join(ROOT, 'test/support/run-ts.js'), 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...database.env, PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DRAIN_MS: '1500', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    api.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (!output.join('').includes('JoinedUp API listening')) {
      if (api.exitCode !== null || Date.now() > deadline) throw new Error(`The api did not start:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    if (api && api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    await harness?.stop();
    await database?.drop();
  });

  const graphql = (query: string, variables: Record<string, unknown> = {}) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.adminToken}` },
      body: JSON.stringify({ query, variables }),
    });

  it('fails readiness, answers the requests sent after the signal, finishes the one in flight, then exits', async () => {
    const reviewer = await harness.newUser(tenant, 'REVIEWER');
    // Kept-alive connections to the api, as a load balancer holds them.
    expect((await graphql(USERS)).status).toBe(200);
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);

    // A write held in flight: the test locks the row it changes.
    const holder = new Client({ connectionString: database.env.DATABASE_MIGRATION_URL });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`select 1 from app_user where id = $1 for update`, [reviewer.id]);
    const inFlight = graphql(CHANGE_ROLE, { input: { userId: reviewer.id, role: 'COORDINATOR' } });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const exited = once(api, 'exit');
    api.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'stopping' });
    // Requests sent just after the signal, on the kept-alive connections: answered, each
    // asking its client to close the connection; none reset.
    const after = await Promise.all([graphql(USERS), graphql(USERS), graphql(USERS)]);
    for (const response of after) {
      expect(response.status).toBe(200);
      expect(response.headers.get('connection')).toBe('close');
      expect(((await response.json()) as { data: { users: { nodes: unknown[] } } }).data.users.nodes.length).toBeGreaterThan(0);
    }

    await holder.query('commit');
    await holder.end();
    const written = await inFlight;
    expect(written.status).toBe(200);
    expect(((await written.json()) as { data: { changeUserRole: unknown } }).data.changeUserRole).toMatchObject({ id: reviewer.id, role: 'COORDINATOR' });
    const [row] = await harness.owner.query(`select role from app_user where id = $1`, [reviewer.id]);
    expect(row.role).toBe('COORDINATOR');

    const [code] = await exited;
    expect(code).toBe(0);
  });
});
