import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createWorkerApp } from '../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { MAINTENANCE_JOB, QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant } from './support/api-harness';
import { PrivateDatabase, privateDatabase } from './support/private-database';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
async function eventually<T>(probe: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The worker process, run in this process: it relays the outbox to BullMQ and consumes it. */
describe('worker', () => {
  let database: PrivateDatabase;
  let api: ApiHarness;
  let tenant: TestTenant;
  let worker: INestApplicationContext | undefined;
  let inspector: QueueFactory;
  let domainEvents: Queue;
  let maintenance: Queue;
  const prefix = `{jutest-${randomUUID()}}`;

  beforeAll(async () => {
    // Its own database: the worker relays every tenant's events, and other tests' relays
    // would otherwise take ours.
    database = await privateDatabase('worker');
    const settings = { ...process.env, ...database.env, QUEUE_PREFIX: prefix };
    api = await ApiHarness.start(settings);
    tenant = await api.newTenant('worker');
    worker = (await createWorkerApp(loadConfig(settings))).app;
    await worker.init();
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

  it('schedules the maintenance heartbeat, and runs it', async () => {
    const scheduler = await maintenance.getJobScheduler(MAINTENANCE_JOB.heartbeat);
    expect(scheduler).toMatchObject({ key: MAINTENANCE_JOB.heartbeat, name: MAINTENANCE_JOB.heartbeat, every: expect.any(Number) });
    expect(await maintenance.getJobSchedulersCount()).toBe(1);
    const beat = await eventually(async () => (await maintenance.getJobs(['completed'])).find((j) => j.name === MAINTENANCE_JOB.heartbeat));
    expect(beat?.returnvalue).toEqual({ at: expect.any(String) });
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
