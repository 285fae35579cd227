import { Client } from 'pg';
import { Queue } from 'bullmq';
import { GOVERNANCE_QUEUE, SCAN_ABANDONED, SCAN_LOST, dailyScanSchedulerId } from '@joinedup/governance';
import { MAINTENANCE_JOB, QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant } from '../support/api-harness';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { RedisServer } from '../support/redis-server';
import { WorkerProcess } from '../support/worker-process';
import { eventually } from '../support/eventually';
import { testQueuePrefix } from '../support/queue-prefix';

const REQUEST_SCAN = `mutation { requestGovernanceScan { id state } }`;
const SCAN = `query($id: ID!) { governanceScan(id: $id) { id state attempts error } }`;

// Faults of Redis itself need a Redis of the test's own; without REDIS_URL (embedded mode) there is none.
const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;

/**
 * Every scan ends SUCCEEDED or FAILED whatever happens to its job: worker processes killed
 * with SIGKILL during a scan, and a Redis restarted empty while a scan waited.
 */
describeWithRedis('governance scans under faults', () => {
  // Each test starts worker processes (a few seconds each on a busy machine) and waits for locks to lapse.
  jest.setTimeout(120_000);

  let database: PrivateDatabase;
  let redis: RedisServer;
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let inspector: QueueFactory;
  let settings: Record<string, string>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    database = await privateDatabase('scan_faults');
    redis = await RedisServer.start();
    settings = {
      ...database.env,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: testQueuePrefix('scan-recovery'),
      // Two tries; a dead worker's job is taken up a second after its last lock renewal.
      JOB_ATTEMPTS: '2',
      JOB_BACKOFF_MS: '50',
      JOB_LOCK_MS: '1000',
      GOVERNANCE_SCAN_RECONCILE_MS: '500',
      GOVERNANCE_RESCAN_DEBOUNCE_MS: '100',
    };
    api = await ApiHarness.start({ ...(process.env as Record<string, string>), ...settings });
    tenant = await api.newTenant('scan-faults');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    inspector = new QueueFactory(queueStoreFor(api.config));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await inspector?.close();
    await api?.stop();
    await redis?.stop();
    await database?.drop();
  });

  const startWorker = async () => {
    const worker = await WorkerProcess.start(settings);
    workers.push(worker);
    return worker;
  };
  const scan = async (id: string) => (await api.ok(SCAN, { id }, coordinator)).governanceScan;
  const requestScan = async (): Promise<string> => (await api.ok(REQUEST_SCAN, {}, coordinator)).requestGovernanceScan.id;
  const dispatched = async (scanId: string) =>
    (await api.owner.query(`select dispatched_at is not null as done from outbox_event where payload->>'scanId' = $1`, [scanId]))[0]?.done;

  it('ends FAILED a scan whose worker is killed during its first try and again during its retry', async () => {
    // Scans of a tenant take turns on an advisory lock: holding it keeps the scan running.
    const holder = new Client({ connectionString: database.env.DATABASE_MIGRATION_URL });
    await holder.connect();
    try {
      await holder.query(`select pg_advisory_lock(hashtextextended('governance-scan:' || $1, 0))`, [tenant.id]);
      const first = await startWorker();
      const id = await requestScan();
      expect(await eventually(async () => (await scan(id)).state === 'RUNNING')).toBe(true);
      await first.kill();

      const second = await startWorker();
      expect(await eventually(async () => (await scan(id)).attempts === 2)).toBe(true);
      await second.kill();

      await startWorker();
      const ended = await eventually(async () => {
        const now = await scan(id);
        return now.state !== 'RUNNING' && now;
      });
      expect(ended).toMatchObject({ state: 'FAILED', attempts: 2, error: SCAN_ABANDONED });
    } finally {
      await holder.end();
    }
  });

  it('ends FAILED a requested scan whose job was lost with Redis, and answers a new request with a new scan', async () => {
    await Promise.all(workers.map((w) => w.kill()));
    // A queue that takes jobs but gives none to workers: the scan waits in Redis, QUEUED.
    const governance = inspector.queue(GOVERNANCE_QUEUE);
    await governance.pause();
    const worker = await startWorker();
    const lost = await requestScan();
    expect(await eventually(async () => (await governance.getJobState(`governance-scan.${lost}`)) === 'waiting')).toBe(true);
    await worker.kill();
    await redis.restartEmpty();
    expect((await scan(lost)).state).toBe('QUEUED');

    // No worker runs: the API itself sees that the waiting scan's job is gone.
    const next = await requestScan();
    expect(next).not.toBe(lost);
    expect(await scan(lost)).toMatchObject({ state: 'FAILED', error: SCAN_LOST });
    // While its event is still in the outbox, a repeated request is answered with the same scan.
    expect(await requestScan()).toBe(next);

    await startWorker();
    expect(await eventually(async () => (await scan(next)).state === 'SUCCEEDED')).toBe(true);
  });

  it('ends FAILED, within a few reconcile intervals and without any request, a scan lost with Redis', async () => {
    await Promise.all(workers.map((w) => w.kill()));
    const governance = inspector.queue(GOVERNANCE_QUEUE);
    await governance.pause();
    const worker = await startWorker();
    const lost = await requestScan();
    expect(await eventually(() => dispatched(lost))).toBe(true);
    expect(await eventually(async () => (await governance.getJobState(`governance-scan.${lost}`)) === 'waiting')).toBe(true);
    await worker.kill();
    await redis.restartEmpty();

    await startWorker();
    const ended = await eventually(async () => {
      const now = await scan(lost);
      return now.state !== 'QUEUED' && now;
    });
    expect(ended).toMatchObject({ state: 'FAILED', error: SCAN_LOST });
  });

  it('declares the job schedulers again when Redis comes back empty, without a worker restart', async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await startWorker();
    const maintenance = inspector.queue(QUEUE.maintenance);
    const governance = inspector.queue(GOVERNANCE_QUEUE);
    const schedulers = async (queue: Queue) => (await queue.getJobSchedulers()).map((s) => s.key);
    const all = async () => {
      const keys = [...(await schedulers(maintenance)), ...(await schedulers(governance))];
      return [MAINTENANCE_JOB.heartbeat, MAINTENANCE_JOB.purgeExpired, dailyScanSchedulerId(tenant.id)].every((key) => keys.includes(key));
    };
    expect(await eventually(all)).toBe(true);

    redis.cli('set', 'jutest-marker', 'kept?');
    await redis.restartEmpty();
    // Everything was lost (the worker may already have declared the schedulers again).
    expect(redis.cli('get', 'jutest-marker')).toBe('');
    expect(await eventually(all, 15_000)).toBe(true);
  });
});
