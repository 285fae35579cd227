import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BARRIERS } from '@joinedup/governance';
import { QUEUE, QueueFactory } from '@joinedup/jobs';
import { eventually } from './support/eventually';

const ROOT = join(__dirname, '..');
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) { accessToken user { organisationId } } }`;

/**
 * `npm start` on a bare machine: no DATABASE_URL, no REDIS_URL. It runs its own
 * PostgreSQL from a fresh data folder, loads the demo partnership, runs the job queues
 * on PostgreSQL, and keeps its data across a restart.
 */
describe('embedded mode, from nothing', () => {
  let home: string;
  let port: number;
  let service: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'ignore' });
    home = await mkdtemp(join(tmpdir(), 'joinedup-embedded-'));
    await chmod(home, 0o755); // PostgreSQL runs as its own user when we are root
    port = await freePort();
  }, 120_000);
  afterAll(async () => {
    if (service && service.exitCode === null) await stop();
    await rm(home, { recursive: true, force: true });
  });

  async function start(): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, JOINEDUP_DATA_DIR: join(home, 'postgres'), PORT: String(port), LOG_LEVEL: 'warn' };
    for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'REDIS_URL', 'QUEUE_PREFIX', 'SMTP_URL']) delete env[name];
    output = '';
    service = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    service.stdout!.on('data', (chunk) => (output += chunk));
    service.stderr!.on('data', (chunk) => (output += chunk));
    await eventually(() => output.includes('Demo partnership in tenant'), 90_000, () => `service did not start:\n${output}`);
  }

  async function stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => service!.once('exit', (code) => resolve(code)));
    service!.kill('SIGTERM');
    return exited;
  }

  async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  }

  async function signIn(email: string) {
    const login = JSON.parse(await readFile(join(home, 'demo-login.json'), 'utf8')) as { password: string };
    expect(output).toContain(`every demo user's password is ${login.password}`);
    return (await graphql(SIGN_IN, { input: { email, password: login.password, tenant: 'demo' } })).signIn;
  }

  const saferStreets = async (token: string) => {
    const data = await graphql(
      `{ localities(first: 10) { nodes { name activeMemberCount programmes { id name leader { person { fullName } }
         openNomination { id tally { supporting agreed } } } } } }`,
      {},
      token,
    );
    const sunderland = data.localities.nodes.find((l: { name: string }) => l.name === 'Sunderland');
    return { localities: data.localities.nodes, programme: sunderland.programmes.find((p: { name: string }) => p.name === 'Safer Streets') };
  };

  it('starts with the demo partnership, and sends outbox events through queues on PostgreSQL', async () => {
    await start();
    expect(output).toContain('Embedded mode');
    expect(output).toContain('Job queues on PostgreSQL (no REDIS_URL)');
    expect(output).toContain('Mail goes to a local catcher (no SMTP_URL)');
    // What the README shows: the web address first, beside the GraphQL one, the mail catcher's inbox, then the demo sign-in.
    const base = `http://127.0.0.1:${port}`;
    const banner = output.split('\n');
    const web = banner.indexOf(`[start] Web: ${base}/`);
    expect(web).toBeGreaterThan(-1);
    expect(banner[web + 1]).toBe(`[start] GraphQL API: POST ${base}/graphql`);
    expect(banner[web + 2]).toMatch(/^\[start\] Mail: http:\/\/127\.0\.0\.1:\d+\/ \(every message JoinedUp sends\)$/);
    expect(banner[web + 3]).toMatch(/^\[start\] Demo partnership in tenant "demo"; /);
    const coordinator = await signIn('coordinator@demo.demo');
    const { localities, programme } = await saferStreets(coordinator.accessToken);
    expect(localities.map((l: { name: string }) => l.name).sort()).toEqual(['Gateshead', 'Sunderland']);
    expect(programme.leader).toBeNull();

    // The worker (queues on PostgreSQL) runs the full governance scan the demo asked for.
    const scanned = await eventually(async () => {
      const scans = await graphql(`{ governanceScans(first: 20) { nodes { state trigger locality { id } } } }`, {}, coordinator.accessToken);
      return scans.governanceScans.nodes.some((s: { state: string; locality: unknown }) => s.state === 'SUCCEEDED' && s.locality === null);
    }, 30_000);
    expect(scanned).toBe(true);
    for (const barrier of BARRIERS) {
      const flags = await graphql(
        `query($b: [Barrier!]) { governanceFlags(barrier: $b, first: 1) { nodes { barrier } } }`,
        { b: [barrier] },
        coordinator.accessToken,
      );
      expect(flags.governanceFlags.nodes).toEqual([{ barrier }]);
    }
    const health = await graphql(`{ localities(first: 10) { nodes { governanceHealth { overall } } } }`, {}, coordinator.accessToken);
    for (const locality of health.localities.nodes) expect(locality.governanceHealth.overall).toBeLessThan(100);

    // Two representatives complete the qualified majority; each endorsement goes through the outbox.
    for (const email of ['rep.sunderland-bid@demo.demo', 'rep.back-on-the-map@demo.demo']) {
      const rep = await signIn(email);
      await graphql(
        `mutation($input: EndorseNominationInput!) { endorseNomination(input: $input) { status } }`,
        { input: { nominationId: programme.openNomination.id, organisationId: rep.user.organisationId, position: 'SUPPORT' } },
        rep.accessToken,
      );
    }
    expect((await saferStreets(coordinator.accessToken)).programme.leader.person.fullName).toBeTruthy();

    // Without SMTP_URL the service runs a mail catcher, and health-check invitations arrive in its inbox.
    const inbox = /Mail: (http:\/\/127\.0\.0\.1:\d+\/) \(every message JoinedUp sends\)/.exec(output)?.[1];
    expect(inbox).toBeTruthy();
    expect((await fetch(`${inbox}healthz`)).ok).toBe(true);
    const localityId = (await graphql(`{ localities(first: 1, nameContains: "Sunderland") { nodes { id } } }`, {}, coordinator.accessToken))
      .localities.nodes[0].id;
    const today = new Date().toISOString().slice(0, 10);
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const round = (
      await graphql(
        `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`,
        { input: { localityId, title: 'Embedded check', opensOn: today, closesOn: inAWeek } },
        coordinator.accessToken,
      )
    ).openSurveyRound;
    const invited = (
      await graphql(
        `mutation($input: InviteToSurveyRoundInput!) { inviteToSurveyRound(input: $input) { invited emailed links { link } } }`,
        { input: { roundId: round.id } },
        coordinator.accessToken,
      )
    ).inviteToSurveyRound;
    expect(invited.emailed).toBeGreaterThan(0);
    expect(invited.links).toHaveLength(invited.invited - invited.emailed);
    const caught = await eventually(async () => {
      const mails = (await (await fetch(`${inbox}email`)).json()) as { subject: string }[];
      return mails.filter((m) => m.subject.includes('Embedded check')).length === invited.emailed ? mails : undefined;
    }, 30_000);
    expect(caught).toBeTruthy();

    const state = JSON.parse(await readFile(join(home, 'postgres.json'), 'utf8'));
    const owner = `postgres://postgres:${state.ownerPassword}@127.0.0.1:${state.port}/joinedup`;
    const queues = new QueueFactory({ kind: 'postgres', url: owner, schema: 'bullmq' });
    const { Client } = await import('pg');
    const client = new Client({ connectionString: owner });
    await client.connect();
    try {
      const events = await eventually(async () => {
        const rows = (await client.query(`select id, type, dispatched_at from outbox_event order by created_at`)).rows;
        return rows.length >= 3 && rows.every((r) => r.dispatched_at) ? rows : undefined;
      }, 15_000);
      expect(events!.map((e) => e.type)).toContain('leadership.leader_agreed');
      const queue = queues.queue(QUEUE.domainEvents);
      for (const event of events!) {
        expect(await eventually(async () => (await queue.getJobState(event.id)) === 'completed', 15_000)).toBe(true);
      }
    } finally {
      await client.end();
      await queues.close();
    }

    expect(await stop()).toBe(0);
  }, 150_000);

  it('restarts in seconds with the same data, and stops its PostgreSQL on the way out', async () => {
    const started = Date.now();
    await start();
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(output).not.toContain('Creating an embedded PostgreSQL');
    const coordinator = await signIn('coordinator@demo.demo');
    const { programme } = await saferStreets(coordinator.accessToken);
    expect(programme.leader.person.fullName).toBeTruthy();
    expect(programme.openNomination).toBeNull();

    const state = JSON.parse(await readFile(join(home, 'postgres.json'), 'utf8'));
    expect(await stop()).toBe(0);
    expect(() => process.kill(state.pid, 0)).toThrow();
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      server.close(() => resolve(address.port));
    });
  });
}
