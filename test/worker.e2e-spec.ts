import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { DomainEventJob, DomainEventSubscribers, MAINTENANCE_JOB, QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant } from './support/api-harness';
import { PrivateDatabase, privateDatabase } from './support/private-database';
import { eventually } from './support/eventually';
import { testQueuePrefix } from './support/queue-prefix';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

/** The worker process, run in this process: it relays the outbox to BullMQ and consumes it. */
describe('worker', () => {
  let database: PrivateDatabase;
  let api: ApiHarness;
  let tenant: TestTenant;
  let worker: INestApplicationContext | undefined;
  let inspector: QueueFactory;
  let domainEvents: Queue;
  let maintenance: Queue;
  const prefix = testQueuePrefix('worker');
  /** The worker's log lines at warn and above. */
  const log: { msg: string }[] = [];
  /** Deliveries per event id of the test subscribers below. */
  const calls = new Map<string, number>();

  beforeAll(async () => {
    // Its own database: the worker relays every tenant's events, and other tests' relays
    // would otherwise take ours.
    database = await privateDatabase('worker');
    // Three tries, 50 ms apart and doubling, so retries fit in a test.
    const settings = { ...process.env, ...database.env, QUEUE_PREFIX: prefix, JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '50' };
    api = await ApiHarness.start(settings);
    tenant = await api.newTenant('worker');
    const destination = { write: (line: string) => void log.push(JSON.parse(line)) };
    worker = (await createWorkerApp(loadConfig({ ...settings, LOG_LEVEL: 'warn' }), { logDestination: destination })).app;
    await worker.init();
    // Subscribers that fail on purpose, for event types only this test writes.
    const subscribers = worker.get(DomainEventSubscribers);
    const count = (event: DomainEventJob) => {
      const n = (calls.get(event.eventId) ?? 0) + 1;
      calls.set(event.eventId, n);
      return n;
    };
    subscribers.subscribe('test.fails_twice', async (event) => {
      if (count(event) <= 2) throw new Error('subscriber not ready yet');
    });
    subscribers.subscribe('test.always_fails', async (event) => {
      count(event);
      throw new Error('subscriber always fails');
    });
    inspector = new QueueFactory(queueStoreFor(api.config));
    domainEvents = inspector.queue(QUEUE.domainEvents);
    maintenance = inspector.queue(QUEUE.maintenance);
  });
  afterAll(async () => {
    await worker?.close();
    await domainEvents?.obliterate({ force: true });
    await maintenance?.obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await database?.drop();
  });

  async function createUser(): Promise<{ userId: string; eventId: string }> {
    const input = { email: `w-${randomUUID().slice(0, 8)}@example.org`, displayName: 'W', password: 'long enough password', role: 'REVIEWER' };
    const userId = (await api.ok(CREATE, { input }, tenant.adminToken)).createUser.id;
    const [event] = await api.owner.query(
      `select id from outbox_event where tenant_id = $1 and type = 'user.created' and payload->>'userId' = $2`,
      [tenant.id, userId],
    );
    return { userId, eventId: event.id };
  }

  const dispatched = async (eventId: string): Promise<boolean> =>
    (await api.owner.query(`select dispatched_at is not null as done from outbox_event where id = $1`, [eventId]))[0].done;

  it('relays an event written by the API to the domain-events queue and completes its job', async () => {
    const { eventId } = await createUser();
    expect(await eventually(() => dispatched(eventId))).toBe(true);
    expect(await eventually(async () => (await domainEvents.getJobState(eventId)) === 'completed')).toBe(true);
    const job = await domainEvents.getJob(eventId);
    expect(job?.name).toBe('user.created');
    expect(job?.data).toMatchObject({ tenantId: tenant.id, eventId, type: 'user.created' });
  });

  /** Writes an event of `type` straight into the outbox, as the API would. */
  const writeEvent = async (type: string): Promise<string> =>
    (await api.owner.query(`insert into outbox_event (tenant_id, type, payload) values ($1, $2, '{"note":"private"}') returning id`, [tenant.id, type]))[0].id;

  it('retries a job whose subscriber fails, with exponential backoff, until it succeeds', async () => {
    const eventId = await writeEvent('test.fails_twice');
    expect(await eventually(async () => (await domainEvents.getJobState(eventId)) === 'completed')).toBe(true);
    const job = (await domainEvents.getJob(eventId)) as Job<DomainEventJob>;
    expect(calls.get(eventId)).toBe(3);
    expect(job.attemptsMade).toBe(3);
    expect(job.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 50 } });
    // Each failed try is logged with its number, never with the payload.
    const lines = log.filter((line) => line.msg.includes(eventId)).map((line) => line.msg);
    expect(lines).toEqual([
      `Job test.fails_twice (${eventId}) failed on attempt 1 of 3, it will be retried: subscriber not ready yet`,
      `Job test.fails_twice (${eventId}) failed on attempt 2 of 3, it will be retried: subscriber not ready yet`,
    ]);
  });

  it('keeps a job that fails every attempt in the failed set, with its reason', async () => {
    const eventId = await writeEvent('test.always_fails');
    expect(await eventually(async () => (await domainEvents.getJobState(eventId)) === 'failed')).toBe(true);
    const job = (await domainEvents.getJob(eventId)) as Job<DomainEventJob>;
    expect(calls.get(eventId)).toBe(3);
    expect(job.attemptsMade).toBe(3);
    expect(job.failedReason).toBe('subscriber always fails');
    expect((await domainEvents.getFailed()).map((j) => j.id)).toContain(eventId);
    const lines = log.filter((line) => line.msg.includes(eventId)).map((line) => line.msg);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(`Job test.always_fails (${eventId}) failed on attempt 3 of 3, it stays in the failed set: subscriber always fails`);
    expect(log.some((line) => JSON.stringify(line).includes('private'))).toBe(false);
  });

  it('schedules the maintenance heartbeat, and runs it', async () => {
    // Schedules are declared in the background, so that a worker starts while its queue store is down.
    const scheduler = await eventually(() => maintenance.getJobScheduler(MAINTENANCE_JOB.heartbeat));
    expect(scheduler).toMatchObject({ key: MAINTENANCE_JOB.heartbeat, name: MAINTENANCE_JOB.heartbeat, every: expect.any(Number) });
    const beat = await eventually(async () => (await maintenance.getJobs(['completed'])).find((j) => j.name === MAINTENANCE_JOB.heartbeat));
    expect(beat?.returnvalue).toEqual({ at: expect.any(String) });
  });

  it('schedules the hourly purge, which deletes dispatched events past their retention', async () => {
    const scheduler = await eventually(() => maintenance.getJobScheduler(MAINTENANCE_JOB.purgeExpired));
    expect(scheduler).toMatchObject({ key: MAINTENANCE_JOB.purgeExpired, name: MAINTENANCE_JOB.purgeExpired, every: 3600_000 });
    expect(await maintenance.getJobSchedulersCount()).toBe(2);

    const [old] = await api.owner.query(
      `insert into outbox_event (tenant_id, type, created_at, dispatched_at)
       values ($1, 'test.old', now() - interval '9 days', now() - interval '8 days') returning id`,
      [tenant.id],
    );
    const run = await maintenance.add(MAINTENANCE_JOB.purgeExpired, {});
    const done = await eventually(async () => (await maintenance.getJobState(run.id!)) === 'completed');
    expect(done).toBe(true);
    expect((await maintenance.getJob(run.id!))?.returnvalue).toMatchObject({ 'dispatched outbox events': 1 });
    expect(await api.owner.query(`select id from outbox_event where id = $1`, [old.id])).toEqual([]);
  });

  it('shuts down cleanly: close resolves promptly, and nothing is relayed after it', async () => {
    const started = Date.now();
    await worker!.close();
    worker = undefined;
    expect(Date.now() - started).toBeLessThan(10_000);

    // The API still records events; with no worker running, they wait in the outbox.
    const { eventId } = await createUser();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await dispatched(eventId)).toBe(false);
    expect(await domainEvents.getJob(eventId)).toBeUndefined();
  });
});
