import { randomUUID } from 'node:crypto';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { openDataSource } from '@joinedup/database';
import { DomainEventJob, OutboxRelay, QUEUE, QueueFactory, QueueStore, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant, codeOf } from './support/api-harness';
import { PrivateDatabase, privateDatabase } from './support/private-database';
import { testQueuePrefix } from './support/queue-prefix';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

interface OutboxRow {
  id: string;
  tenant_id: string;
  type: string;
  payload: Record<string, unknown>;
  dispatched_at: Date | null;
}

/**
 * The transactional outbox: an event is written in the transaction of the change that
 * causes it, waits while the queue store (Redis, or PostgreSQL without REDIS_URL) is
 * unreachable, and reaches BullMQ exactly once.
 */
describe('transactional outbox', () => {
  let database: PrivateDatabase;
  let api: ApiHarness;
  let tenant: TestTenant;
  /** The relay's connection: the application role, as in the worker. */
  let relayDb: DataSource;
  const prefix = testQueuePrefix('outbox');
  /** Where this run's queues live, and the same store at an address nobody answers. */
  let store: QueueStore;
  let unreachable: QueueStore;
  let reachable: QueueFactory;
  /** The queue as a consumer sees it, for inspection. */
  let queue: Queue;

  beforeAll(async () => {
    // The relay serves every tenant of its database: a database of our own keeps it from
    // dispatching other tests' events, and their workers from dispatching ours.
    database = await privateDatabase('outbox');
    api = await ApiHarness.start({ ...database.env, QUEUE_PREFIX: prefix });
    tenant = await api.newTenant('outbox');
    relayDb = await openDataSource({ url: api.config.databaseUrl, applicationName: 'joinedup-test-relay', poolSize: 4 });
    store = queueStoreFor(api.config);
    const nowhere = new URL(store.url);
    nowhere.port = '1';
    unreachable = { ...store, url: nowhere.toString() };
    reachable = new QueueFactory(store);
    queue = reachable.queue(QUEUE.domainEvents);
  });
  afterAll(async () => {
    await queue?.obliterate({ force: true });
    await reachable?.close();
    await relayDb?.destroy();
    await api?.stop();
    await database?.drop();
  });

  async function createUser(email = `u-${randomUUID().slice(0, 8)}@example.org`): Promise<string> {
    const input = { email, displayName: 'U', password: 'long enough password', role: 'REVIEWER' };
    return (await api.ok(CREATE, { input }, tenant.adminToken)).createUser.id;
  }

  /** This tenant's outbox, read as the owner. */
  const outbox = async (): Promise<OutboxRow[]> =>
    api.owner.query(
      `select id, tenant_id, type, payload, dispatched_at from outbox_event where tenant_id = $1 order by created_at, id`,
      [tenant.id],
    );

  /** This tenant's jobs in the test queue, whatever their state. */
  const jobs = async (): Promise<Job<DomainEventJob>[]> =>
    ((await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized', 'waiting-children'])) as Job<DomainEventJob>[])
      .filter((job) => job.data.tenantId === tenant.id);

  const relayTo = (target: QueueStore, db = relayDb) => {
    const factory = new QueueFactory(target);
    const relay = new OutboxRelay(db, factory.queue(QUEUE.domainEvents, { failFast: true }), { enqueueTimeoutMs: 1000 });
    return { factory, relay };
  };

  it('writes user.created in the transaction of the new user, and nothing when that transaction fails', async () => {
    const userId = await createUser();
    const created = (await outbox()).filter((e) => e.type === 'user.created');
    expect(created.map((e) => e.payload)).toEqual([{ userId, role: 'REVIEWER' }]);

    // A duplicate email is refused: no event.
    const duplicate = await api.graphql(
      CREATE,
      { input: { email: tenant.admin.email, displayName: 'D', password: 'long enough password', role: 'REVIEWER' } },
      tenant.adminToken,
    );
    expect(codeOf(duplicate)).toBe('CONFLICT');
    // One operation is one transaction: the first user is created and its event recorded,
    // then the second fails, and both roll back together.
    const email = `rolled-back-${randomUUID().slice(0, 8)}@example.org`;
    const both = await api.graphql(
      `mutation($ok: CreateUserInput!, $dup: CreateUserInput!) { ok: createUser(input: $ok) { id } dup: createUser(input: $dup) { id } }`,
      {
        ok: { email, displayName: 'Ok', password: 'long enough password', role: 'REVIEWER' },
        dup: { email: tenant.admin.email, displayName: 'Dup', password: 'long enough password', role: 'REVIEWER' },
      },
      tenant.adminToken,
    );
    expect(codeOf(both)).toBe('CONFLICT');
    expect(await api.owner.query(`select id from app_user where tenant_id = $1 and email = $2`, [tenant.id, email])).toEqual([]);
    expect((await outbox()).filter((e) => e.type === 'user.created')).toEqual(created);
  });

  describe('relay', () => {
    let events: string[];

    it('with the queue store unreachable: writes still succeed, the relay fails, and the events wait', async () => {
      const { factory, relay } = relayTo(unreachable);
      try {
        const users = [await createUser(), await createUser(), await createUser()];
        const pending = (await outbox()).filter((e) => !e.dispatched_at);
        expect(pending.filter((e) => e.type === 'user.created').map((e) => e.payload.userId)).toEqual(expect.arrayContaining(users));
        // A pass gives up within its time limit, and the next one fails the same way.
        const started = Date.now();
        await expect(relay.relayOnce()).rejects.toThrow();
        await expect(relay.relayOnce()).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(5000);
        expect((await outbox()).filter((e) => !e.dispatched_at)).toEqual(pending);
        events = pending.map((e) => e.id);
      } finally {
        await factory.close();
      }
      expect(await jobs()).toEqual([]);
    });

    it('with the queue store back: queues each waiting event exactly once, with its tenant and payload, and marks it dispatched', async () => {
      const { factory, relay } = relayTo(store);
      try {
        expect(await relay.relayOnce()).toBe(events.length);
        const rows = await outbox();
        expect(rows.filter((e) => !e.dispatched_at)).toEqual([]);
        const queued = await jobs();
        expect(queued.map((job) => job.id).sort()).toEqual([...rows.map((e) => e.id)].sort());
        for (const row of rows) {
          const job = queued.find((j) => j.id === row.id)!;
          expect(job.name).toBe(row.type);
          expect(job.data).toEqual({
            tenantId: tenant.id,
            eventId: row.id,
            type: row.type,
            payload: row.payload,
            occurredAt: expect.any(String),
          });
        }
        // Nothing left: a second pass queues nothing more.
        expect(await relay.relayOnce()).toBe(0);
        expect(await jobs()).toHaveLength(rows.length);
      } finally {
        await factory.close();
      }
    });

    it('after a crash between queueing and marking, re-sending does not queue an event twice', async () => {
      const rows = await outbox();
      const before = await jobs();
      // The relay died after the queue took the jobs but before its commit: the rows look pending.
      await api.owner.query(`update outbox_event set dispatched_at = null where tenant_id = $1 and id = any($2::uuid[])`, [
        tenant.id,
        events,
      ]);
      const { factory, relay } = relayTo(store);
      try {
        expect(await relay.relayOnce()).toBe(events.length);
      } finally {
        await factory.close();
      }
      expect((await outbox()).filter((e) => !e.dispatched_at)).toEqual([]);
      const after = await jobs();
      expect(after).toHaveLength(rows.length);
      expect(after.map((j) => [j.id, j.timestamp]).sort()).toEqual(before.map((j) => [j.id, j.timestamp]).sort());
    });

    it('two relays running at once never claim the same event', async () => {
      const before = (await jobs()).length;
      const fresh: string[] = [];
      for (let i = 0; i < 12; i++) fresh.push(await createUser());
      const pending = (await outbox()).filter((e) => !e.dispatched_at);
      expect(pending).toHaveLength(fresh.length);

      const secondDb = await openDataSource({ url: api.config.databaseUrl, applicationName: 'joinedup-test-relay-2', poolSize: 4 });
      const one = relayTo(store);
      const two = relayTo(store, secondDb);
      try {
        const counts = await Promise.all([one.relay.relayOnce(), two.relay.relayOnce(), one.relay.relayOnce(), two.relay.relayOnce()]);
        // Each event is claimed by one pass only: the passes' counts add up to the events.
        expect(counts.reduce((sum, n) => sum + n, 0)).toBe(pending.length);
      } finally {
        await Promise.all([one.factory.close(), two.factory.close()]);
        await secondDb.destroy();
      }
      expect((await outbox()).filter((e) => !e.dispatched_at)).toEqual([]);
      const queued = await jobs();
      expect(queued).toHaveLength(before + pending.length);
      expect(new Set(queued.map((j) => j.id)).size).toBe(queued.length);
      expect(queued.map((j) => j.id)).toEqual(expect.arrayContaining(pending.map((e) => e.id)));
    });
  });
});
