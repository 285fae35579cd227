import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { GOVERNANCE_JOB, GOVERNANCE_QUEUE, GovernanceScanner, dailyScanSchedulerId } from '@joinedup/governance';
import { QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant, TestUser } from '../support/api-harness';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { RegistryFactory } from '../support/registry-factory';
import { eventually } from '../support/eventually';
import { testQueuePrefix, testRedisUrl } from '../support/queue-prefix';

const RAISE = `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`;
const ACKNOWLEDGE = `mutation($input: ConflictTransitionInput!) { acknowledgeConflict(input: $input) { id status } }`;
const UPDATE_RULE = `mutation($input: UpdateGovernanceRuleInput!) { updateGovernanceRule(input: $input) { code } }`;
const REQUEST_SCAN = `mutation($localityId: ID) { requestGovernanceScan(localityId: $localityId) { id state } }`;
const SCAN = `query($id: ID!) { governanceScan(id: $id) { id state trigger attempts flagsRaised flagsResolved openFlags error asOf } }`;
const SCANS = `{ governanceScans(first: 50) { nodes { id state trigger locality { id } error } } }`;
const FLAGS = `query($localityId: ID, $state: [FlagState!]) { governanceFlags(localityId: $localityId, state: $state, first: 100) {
  nodes { id ruleCode subjectId state resolvedAt } } }`;

/**
 * The worker, run in this process against a database of its own, on each queue store:
 * Redis (production) and BullMQ's PostgreSQL backend (embedded mode).
 */
describe.each(['redis', 'postgres'] as const)('governance scans in the worker, queues on %s', (store) => {
  let database: PrivateDatabase;
  let api: ApiHarness;
  let tenant: TestTenant;
  let other: TestTenant;
  let coordinator: string;
  let worker: INestApplicationContext | undefined;
  let inspector: QueueFactory;
  let governance: Queue;
  let locality: { id: string };
  let programme: { id: string };
  const rep = {} as Record<'A' | 'B', TestUser>;
  const org = { A: '', B: '' };
  const prefix = testQueuePrefix('governance');

  beforeAll(async () => {
    database = await privateDatabase(`gov_${store}`);
    const settings = {
      ...process.env,
      ...database.env,
      QUEUE_PREFIX: prefix,
      REDIS_URL: store === 'redis' ? testRedisUrl() : '',
      JOB_ATTEMPTS: '2',
      JOB_BACKOFF_MS: '50',
      GOVERNANCE_RESCAN_DEBOUNCE_MS: '300',
    };
    api = await ApiHarness.start(settings);
    tenant = await api.newTenant('gov-worker');
    other = await api.newTenant('gov-worker-other');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    locality = await make.locality();
    const [a, b] = await make.members(locality.id, 2);
    Object.assign(org, { A: a.id, B: b.id });
    rep.A = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', a.id);
    rep.B = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', b.id);
    programme = await make.programme(locality.id, [a.id, b.id]);
    worker = (await createWorkerApp(loadConfig({ ...settings, LOG_LEVEL: 'error' }))).app;
    await worker.init();
    inspector = new QueueFactory(queueStoreFor(api.config));
    governance = inspector.queue(GOVERNANCE_QUEUE);
  });
  afterAll(async () => {
    await worker?.close();
    await governance?.obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await database?.drop();
  });

  const scanState = async (id: string) => (await api.ok(SCAN, { id }, coordinator)).governanceScan;
  const openFlag = async (ruleCode: string, subjectId: string) =>
    (await api.ok(FLAGS, { localityId: locality.id }, coordinator)).governanceFlags.nodes.find(
      (f: { ruleCode: string; subjectId: string }) => f.ruleCode === ruleCode && f.subjectId === subjectId,
    );

  it('runs a requested scan and records what it did', async () => {
    const requested = (await api.ok(REQUEST_SCAN, { localityId: locality.id }, coordinator)).requestGovernanceScan;
    const done = await eventually(async () => {
      const scan = await scanState(requested.id);
      return scan.state === 'SUCCEEDED' && scan;
    });
    expect(done).toMatchObject({ trigger: 'REQUEST', attempts: 1, flagsRaised: expect.any(Number), asOf: expect.any(String) });
  });

  it('rescans a locality after its records change (debounced), raising and then resolving a flag', async () => {
    await api.ok(UPDATE_RULE, { input: { code: 'CONFLICT_UNACKNOWLEDGED', thresholds: [{ name: 'days', value: 0 }] } }, tenant.adminToken);
    const input = {
      localityId: locality.id,
      programmeId: programme.id,
      partyIds: [org.B],
      category: 'RESOURCES',
      severity: 'MEDIUM',
      title: 'Rooms for the hub',
      description: 'Who provides rooms.',
    };
    const conflict = (await api.ok(RAISE, { input }, rep.A.token)).raiseConflict;
    const flag = await eventually(() => openFlag('CONFLICT_UNACKNOWLEDGED', conflict.id));
    expect(flag).toMatchObject({ state: 'OPEN' });
    // The locality's own rescan succeeded (the rule change rescans the whole tenant too, maybe still running).
    type Scan = { trigger: string; state: string; locality: { id: string } | null };
    const rescan = await eventually(async () =>
      ((await api.ok(SCANS, {}, coordinator)).governanceScans.nodes as Scan[]).find((s) => s.trigger === 'EVENT' && s.locality?.id === locality.id && s.state === 'SUCCEEDED'),
    );
    expect(rescan).toMatchObject({ state: 'SUCCEEDED', locality: { id: locality.id } });
    // The flag names the scan that raised it.
    const [raisedBy] = await api.owner.query(
      `select s.trigger, s.state, s.flags_raised from governance_flag g join governance_scan s on s.tenant_id = g.tenant_id and s.id = g.raised_by_scan_id
        where g.id = $1`,
      [flag.id],
    );
    expect(raisedBy).toMatchObject({ trigger: 'EVENT', state: 'SUCCEEDED', flags_raised: expect.any(Number) });
    expect(raisedBy.flags_raised).toBeGreaterThanOrEqual(1);

    await api.ok(ACKNOWLEDGE, { input: { conflictId: conflict.id } }, rep.B.token);
    expect(await eventually(async () => !(await openFlag('CONFLICT_UNACKNOWLEDGED', conflict.id)))).toBe(true);
    const resolved = (await api.ok(FLAGS, { localityId: locality.id, state: ['RESOLVED'] }, coordinator)).governanceFlags.nodes;
    expect(resolved.find((f: { id: string }) => f.id === flag.id)).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(String) });
  });

  it('gives the same flags when two scans of a tenant run at once, with no duplicates', async () => {
    const scanner = api.app.get(GovernanceScanner);
    const asOf = new Date();
    const [one, two] = await Promise.all([scanner.scan({ tenantId: tenant.id, asOf }), scanner.scan({ tenantId: tenant.id, asOf })]);
    expect(one.open).toBe(two.open);
    expect(one.raised + two.raised).toBeLessThanOrEqual(one.open);
    const [counts] = await api.owner.query(
      `select count(*)::int as open, count(distinct (rule_code, subject_id, programme_id, locality_id))::int as subjects
         from governance_flag where tenant_id = $1 and resolved_at is null`,
      [tenant.id],
    );
    expect(counts.open).toBe(counts.subjects);
    expect(counts.open).toBe(one.open);
  });

  it('keeps a scan that fails every try visible: FAILED with its reason, and the job in the failed set', async () => {
    const jobId = `test-failing-scan-${randomUUID()}`;
    await governance.add(
      GOVERNANCE_JOB.scan,
      { tenantId: tenant.id, localityId: locality.id, trigger: 'REQUEST', asOf: 'not a date' },
      { jobId, attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    );
    expect(await eventually(async () => (await governance.getJobState(jobId)) === 'failed')).toBe(true);
    const failed = (await api.ok(SCANS, {}, coordinator)).governanceScans.nodes.find((s: { state: string }) => s.state === 'FAILED');
    expect(failed.error).toMatch(/\S/);
    expect(failed.error).not.toMatch(/select|insert|governance_flag/i);
  });

  it("schedules every tenant's daily full scan, and a scan of one tenant leaves the other's flags alone", async () => {
    await governance.add(GOVERNANCE_JOB.syncSchedules, {});
    const schedulers = await eventually(async () => {
      const ids = (await governance.getJobSchedulers()).map((s) => s.key);
      return ids.includes(dailyScanSchedulerId(tenant.id)) && ids.includes(dailyScanSchedulerId(other.id)) && ids;
    });
    expect(schedulers).toBeTruthy();
    const [scheduler] = (await governance.getJobSchedulers()).filter((s) => s.key === dailyScanSchedulerId(tenant.id));
    expect(scheduler).toMatchObject({ pattern: '0 3 * * *', tz: 'UTC' });

    // An open flag of the other tenant that nothing would find: a scan that could see it would resolve it.
    await api.owner.query(
      `insert into governance_flag (tenant_id, rule_code, barrier, subject_type, subject_id, severity, message, evidence,
                                    first_raised_at, last_seen_at, evidence_changed_at)
       values ($1, 'CONFLICT_UNACKNOWLEDGED', 'CONFLICT_RESOLUTION', 'CONFLICT', gen_random_uuid(), 'LOW', 'theirs', '{}', now(), now(), now())`,
      [other.id],
    );
    const before = await api.owner.query(`select id, state, last_seen_at from governance_flag where tenant_id = $1 order by id`, [other.id]);
    await api.app.get(GovernanceScanner).scan({ tenantId: tenant.id });
    const after = await api.owner.query(`select id, state, last_seen_at from governance_flag where tenant_id = $1 order by id`, [other.id]);
    expect(after).toEqual(before);
    expect(after).toHaveLength(1);
    const written = await api.owner.query(
      `select count(*)::int as n from health_snapshot h join governance_scan s on s.id = h.scan_id
        where s.tenant_id = $1 and h.tenant_id <> $1`,
      [tenant.id],
    );
    expect(written[0].n).toBe(0);
  });
});
