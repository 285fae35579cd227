import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@joinedup/config';
import { openDataSource } from '@joinedup/database';
import { OutboxRelay, QUEUE, QueueFactory, RETENTION_PURGES, queueStoreFor, runRetentionPurges } from '@joinedup/jobs';
import { PrivateDatabase, privateDatabase } from './support/private-database';
import { testQueuePrefix } from './support/queue-prefix';

/**
 * The SQL the worker relies on across tenants, called as the application role (which
 * sees one tenant at a time under row-level security): which tenants the outbox relay
 * serves first, and what the retention purges delete.
 */
describe('outbox fairness and retention', () => {
  let database: PrivateDatabase;
  let config: AppConfig;
  let owner: DataSource;
  /** The application role, as the worker connects. */
  let app: DataSource;

  beforeAll(async () => {
    // Both functions see every tenant of the database: one of our own keeps other tests' rows out.
    database = await privateDatabase('retention');
    config = loadConfig({ ...process.env, ...database.env, QUEUE_PREFIX: testQueuePrefix('outbox-retention') });
    owner = await openDataSource({ url: config.databaseMigrationUrl, applicationName: 'joinedup-test', poolSize: 2 });
    app = await openDataSource({ url: config.databaseUrl, applicationName: 'joinedup-test-worker', poolSize: 2 });
  });
  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
    await database?.drop();
  });

  const newTenant = async (): Promise<string> =>
    (await owner.query(`insert into tenant (slug, name) values ($1, 'T') returning id`, [`t-${randomUUID().slice(0, 8)}`]))[0].id;

  /** An outbox row created `age` ago, dispatched `dispatched` ago (or pending). */
  const event = async (tenantId: string, age: string, dispatched: string | null = null): Promise<string> =>
    (
      await owner.query(
        `insert into outbox_event (tenant_id, type, created_at, dispatched_at)
         values ($1, 'test.retention', now() - $2::interval, now() - $3::interval) returning id`,
        [tenantId, age, dispatched],
      )
    )[0].id;

  const outboxIds = async (tenants: string[]): Promise<string[]> =>
    (await owner.query(`select id from outbox_event where tenant_id = any($1::uuid[])`, [tenants])).map((r: { id: string }) => r.id);

  describe('tenants with pending events', () => {
    let a: string, b: string, c: string, d: string, e: string, idle: string;

    beforeAll(async () => {
      [a, b, c, d, e, idle] = await Promise.all(Array.from({ length: 6 }, newTenant));
      await event(a, '1 hour');
      await event(a, '5 days', '5 days'); // dispatched: does not count
      await event(b, '3 hours');
      await event(b, '1 minute');
      await event(c, '2 hours');
      await event(d, '4 hours');
      await event(e, '30 minutes');
      await event(idle, '9 days', '9 days');
    });
    afterAll(() => owner.query(`delete from outbox_event where tenant_id = any($1::uuid[])`, [[a, b, c, d, e, idle]]));

    const pick = async (limit: number): Promise<string[]> =>
      (await app.query(`select id from tenants_with_pending_outbox($1) with ordinality as t(id, n) order by n`, [limit])).map(
        (r: { id: string }) => r.id,
      );

    it('come longest-waiting first, so a limit leaves out the most recent, never the same ones', async () => {
      // Without a tenant, the application role itself sees no outbox row at all.
      expect(await app.query(`select id from outbox_event`)).toEqual([]);
      expect(await pick(10)).toEqual([d, b, c, a, e]);
      expect(await pick(2)).toEqual([d, b]);
    });

    it('are relayed in that order, one bounded batch per tenant', async () => {
      const factory = new QueueFactory(queueStoreFor(config));
      const queue = factory.queue(QUEUE.domainEvents, { failFast: true });
      try {
        const relay = new OutboxRelay(app, queue, { tenantsPerPass: 1, batchSize: 1 });
        expect(await relay.relayOnce()).toBe(1);
        expect(await pick(10)).toEqual([b, c, a, e]);
        // One event of b per pass: its next one is recent, so b goes to the back.
        expect(await relay.relayOnce()).toBe(1);
        expect(await pick(10)).toEqual([c, a, e, b]);
      } finally {
        await queue.obliterate({ force: true });
        await factory.close();
      }
    });
  });

  describe('retention purges', () => {
    let a: string, b: string;
    let kept: { events: string[]; tokens: string[] };

    /** A user with a session (revoked `revoked` ago, or live) in `tenantId`. */
    const session = async (tenantId: string, revoked: string | null = null): Promise<string> => {
      const [user] = await owner.query(
        `insert into app_user (tenant_id, email, display_name, password_hash, role)
         values ($1, $2, 'U', 'not a hash', 'REVIEWER') returning id`,
        [tenantId, `u-${randomUUID().slice(0, 8)}@example.org`],
      );
      return (
        await owner.query(
          `insert into auth_session (tenant_id, user_id, revoked_at) values ($1, $2, now() - $3::interval) returning id`,
          [tenantId, user.id, revoked],
        )
      )[0].id;
    };
    /** A refresh token expiring at now() + `expiresIn` (negative: in the past). */
    const token = async (tenantId: string, sessionId: string, expiresIn: string, used = false): Promise<string> =>
      (
        await owner.query(
          `insert into refresh_token (tenant_id, session_id, token_hash, expires_at, used_at)
           values ($1, $2, '\\x00', now() + $3::interval, case when $4 then now() end) returning id`,
          [tenantId, sessionId, expiresIn, used],
        )
      )[0].id;

    beforeAll(async () => {
      [a, b] = [await newTenant(), await newTenant()];
      // Purged: dispatched more than 7 days ago, in either tenant.
      await event(a, '9 days', '8 days');
      await event(b, '30 days', '29 days');
      kept = {
        events: [
          await event(a, '7 days', '6 days'), // dispatched, but within the retention
          await event(a, '30 days'), // still pending, however old
          await event(b, '1 minute'),
        ],
        tokens: [],
      };

      const live = await session(a);
      kept.tokens.push(
        await token(a, live, '30 days'), // live
        await token(a, live, '29 days', true), // used: kept to detect its reuse until it expires
        await token(a, live, '-6 days'), // expired, within the retention
      );
      await token(a, live, '-8 days'); // expired past the retention
      const ended = await session(a, '8 days');
      await token(a, ended, '20 days'); // its session was ended past the retention
      const endedRecently = await session(b, '1 day');
      kept.tokens.push(await token(b, endedRecently, '20 days'));
      await token(b, await session(b), '-10 days');

      // Sign-in throttles: past the 15-minute window (purged), or recent (kept).
      await owner.query(
        `insert into sign_in_throttle (tenant_id, email_key, failures, last_attempt_at, next_attempt_at)
         values ($1, 'old@example.org', 7, now() - interval '1 hour', now() - interval '1 hour'),
                ($1, 'recent@example.org', 7, now(), now() + interval '8 seconds')`,
        [a],
      );
      await owner.query(
        `insert into sign_in_address_throttle (address, failures, window_started_at)
         values ('203.0.113.1', 3, now() - interval '1 hour'), ('203.0.113.2', 3, now())`,
      );
    });

    it('delete only dispatched events, spent refresh tokens and sign-in throttles past their retention, across tenants', async () => {
      // Batches of one: the job repeats each purge until it runs dry.
      const deleted = await runRetentionPurges(app, config, RETENTION_PURGES, { batchSize: 1 });
      expect(deleted).toMatchObject({ 'dispatched outbox events': 2, 'spent refresh tokens': 3, 'sign-in throttles past their window': 2 });
      expect(await owner.query(`select email_key from sign_in_throttle where tenant_id = $1`, [a])).toEqual([
        { email_key: 'recent@example.org' },
      ]);
      expect(await owner.query(`select address from sign_in_address_throttle`)).toEqual([{ address: '203.0.113.2' }]);
      expect((await outboxIds([a, b])).sort()).toEqual([...kept.events].sort());
      const tokens = await owner.query(`select id from refresh_token where tenant_id = any($1::uuid[])`, [[a, b]]);
      expect(tokens.map((r: { id: string }) => r.id).sort()).toEqual([...kept.tokens].sort());

      // A second run finds nothing more.
      expect(await runRetentionPurges(app, config)).toMatchObject({ 'dispatched outbox events': 0, 'spent refresh tokens': 0 });
    });

    it('keep the last health snapshot of each day past the detail period, and purge old scans and deliveries no longer needed', async () => {
      const locality = (await owner.query(`insert into locality (tenant_id, name, code) values ($1, 'L', 'E1') returning id`, [a]))[0].id;
      const scan = async (age: string, state = 'SUCCEEDED'): Promise<string> =>
        (
          await owner.query(
            `insert into governance_scan (tenant_id, trigger, state, queued_at, finished_at, as_of, flags_raised)
             values ($1, 'SCHEDULE', $3, now() - $2::interval, now() - $2::interval, now() - $2::interval, case when $3 = 'SUCCEEDED' then 0 end)
             returning id`,
            [a, age, state],
          )
        )[0].id;
      const snapshot = async (scanId: string, takenAt: string): Promise<string> =>
        (
          await owner.query(
            `insert into health_snapshot (tenant_id, scan_id, subject_type, subject_id, locality_id, taken_at, overall, flexibility,
                                          recognition, communication, conflict_resolution, role_fit, leadership, continuous_improvement, open_flags)
             values ($1, $2, 'LOCALITY', $3, $3, $4::timestamptz, 90, 90, 90, 90, 90, 90, 90, 90, 1) returning id`,
            [a, scanId, locality, takenAt],
          )
        )[0].id;
      const day = (daysAgo: number, time: string) =>
        `${new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)}T${time}Z`;
      // 40 days ago: three snapshots of one day, the last kept. 10 days ago: all kept (detail period).
      const [morning, noon, evening] = [await scan('41 days'), await scan('41 days'), await scan('41 days')];
      const earlierThatDay = [await snapshot(morning, day(40, '08:00:00')), await snapshot(noon, day(40, '12:00:00'))];
      const lastOfDay = await snapshot(evening, day(40, '20:00:00'));
      const recent = [await snapshot(await scan('11 days'), day(10, '08:00:00')), await snapshot(await scan('11 days'), day(10, '20:00:00'))];
      // Scans past their 90 days: gone once no snapshot refers to them (a failed one too).
      const oldWithout = [await scan('100 days'), await scan('100 days', 'FAILED')];
      const oldWithSnapshot = await scan('100 days');
      await snapshot(oldWithSnapshot, day(99, '08:00:00'));
      const endpoint = (
        await owner.query(
          `insert into webhook_endpoint (tenant_id, url, secret_sealed, events) values ($1, 'https://example.org/hook', decode('01' || repeat('00', 71), 'hex'), '{flag.raised}') returning id`,
          [a],
        )
      )[0].id;
      const delivery = async (age: string, state: string) =>
        (
          await owner.query(
            `insert into webhook_delivery (tenant_id, endpoint_id, event_type, payload, state, created_at, delivered_at)
             values ($1, $2, 'flag.raised', '{}', $3, now() - $4::interval, case when $3 = 'DELIVERED' then now() end) returning id`,
            [a, endpoint, state, age],
          )
        )[0].id;
      await delivery('40 days', 'DELIVERED');
      await delivery('40 days', 'FAILED');
      const keptDeliveries = [await delivery('40 days', 'PENDING'), await delivery('10 days', 'DELIVERED')];

      const deleted = await runRetentionPurges(app, config, RETENTION_PURGES, { batchSize: 1 });
      expect(deleted).toMatchObject({ 'health snapshots beyond one a day': 2, 'governance scans': 2, 'webhook deliveries': 2 });
      const snapshots = await owner.query(`select id from health_snapshot where tenant_id = $1`, [a]);
      const keptSnapshots = snapshots.map((r: { id: string }) => r.id);
      expect(keptSnapshots).toHaveLength(4); // the last of day 40, both of day 10, and the old scan's one
      expect(keptSnapshots).toEqual(expect.arrayContaining([lastOfDay, ...recent]));
      for (const gone of earlierThatDay) expect(keptSnapshots).not.toContain(gone);
      // Scans within their 90 days stay, snapshots or not; the old one a snapshot still refers to stays too.
      const scans = (await owner.query(`select id from governance_scan where tenant_id = $1`, [a])).map((r: { id: string }) => r.id);
      expect(scans).toHaveLength(6);
      expect(scans).toEqual(expect.arrayContaining([morning, noon, evening, oldWithSnapshot]));
      for (const gone of oldWithout) expect(scans).not.toContain(gone);
      const deliveries = await owner.query(`select id from webhook_delivery where tenant_id = $1`, [a]);
      expect(deliveries.map((r: { id: string }) => r.id).sort()).toEqual([...keptDeliveries].sort());
    });

    it('follow the retention settings', async () => {
      const shorter = { ...config, outboxRetentionDays: 5, refreshTokenRetentionDays: 0 };
      expect(await runRetentionPurges(app, shorter)).toMatchObject({ 'dispatched outbox events': 1, 'spent refresh tokens': 2 });
      // Left: the pending events and the live and used tokens.
      expect(await outboxIds([a, b])).toHaveLength(2);
      expect(await owner.query(`select id from refresh_token where tenant_id = any($1::uuid[])`, [[a, b]])).toHaveLength(2);
    });
  });
});
