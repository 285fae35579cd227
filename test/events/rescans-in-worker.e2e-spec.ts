import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { GOVERNANCE_QUEUE } from '@joinedup/governance';
import { QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, TestTenant } from '../support/api-harness';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { RegistryFactory } from '../support/registry-factory';
import { eventually } from '../support/eventually';
import { testQueuePrefix, testRedisUrl } from '../support/queue-prefix';

const DEFINE = `mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`;
const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`;
const SET_COMPETENCIES = `mutation($input: SetCompetenciesInput!) { setPersonCompetencies(input: $input) { id } }`;
const UPDATE_RULE = `mutation($input: UpdateGovernanceRuleInput!) { updateGovernanceRule(input: $input) { code } }`;
const FLAGS = `{ governanceFlags(first: 100) { nodes { id ruleCode subjectId } } }`;

/** The worker rescans after the changes the rules read, with no scan asked for: role fit, and the tenant-wide rule. */
describe('rescans in the worker follow a person’s competencies and roles', () => {
  let database: PrivateDatabase;
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let worker: INestApplicationContext | undefined;
  let inspector: QueueFactory;
  let governance: Queue;
  let make: RegistryFactory;
  let org: { id: string }[];
  let programmes: { id: string }[];
  const prefix = testQueuePrefix('rescans');
  const DEBOUNCE_MS = 300;

  beforeAll(async () => {
    database = await privateDatabase('rescans_worker');
    const settings = {
      ...process.env,
      ...database.env,
      QUEUE_PREFIX: prefix,
      REDIS_URL: testRedisUrl(),
      GOVERNANCE_RESCAN_DEBOUNCE_MS: String(DEBOUNCE_MS),
    };
    api = await ApiHarness.start(settings);
    tenant = await api.newTenant('rescans-worker');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    org = await make.members(locality.id, 2);
    programmes = [await make.programme(locality.id, [org[0].id, org[1].id]), await make.programme(locality.id, [org[0].id])];
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

  const openFlag = async (ruleCode: string, subjectId: string) =>
    (await api.ok(FLAGS, {}, coordinator)).governanceFlags.nodes.find(
      (f: { ruleCode: string; subjectId: string }) => f.ruleCode === ruleCode && f.subjectId === subjectId,
    );
  /** Every rescan queued so far has run, and the next change falls in a new debounce window. */
  const settled = async () => {
    expect(
      await eventually(async () => {
        // The schedulers' next runs wait in the queue for ever: only rescans count.
        const jobs = await governance.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
        const [pending] = await api.owner.query(`select count(*)::int as n from outbox_event where dispatched_at is null`);
        return pending.n === 0 && !jobs.some((job) => job?.id?.startsWith('governance-rescan.'));
      }),
    ).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
  };
  const defineRole = async (programmeId: string, requiredCompetencies: { name: string; minLevel: number }[] = []) =>
    (await api.ok(DEFINE, { input: { programmeId, title: `Role ${randomUUID().slice(0, 6)}`, requiredCompetencies } }, coordinator)).defineRole;
  const assign = (roleId: string, personId: string) =>
    api.ok(ASSIGN, { input: { roleId, personId, selectionMethod: 'OPEN_SELECTION' } }, coordinator);

  it('raises ROLE_LOW_FIT when the holder’s competencies drop, without waiting for the daily scan', async () => {
    const person = await make.person(org[0].id);
    await api.ok(SET_COMPETENCIES, { input: { personId: person.id, competencies: [{ name: 'Budgeting', level: 4 }] } }, coordinator);
    const role = await defineRole(programmes[0].id, [{ name: 'Budgeting', minLevel: 3 }]);
    await assign(role.id, person.id);
    await settled();
    expect(await openFlag('ROLE_LOW_FIT', role.id)).toBeUndefined();

    await api.ok(SET_COMPETENCIES, { input: { personId: person.id, competencies: [{ name: 'Budgeting', level: 1 }] } }, coordinator);
    expect(await eventually(() => openFlag('ROLE_LOW_FIT', role.id))).toMatchObject({ ruleCode: 'ROLE_LOW_FIT' });
  });

  it('raises the tenant-wide ROLE_OVERLOAD when a role is assigned', async () => {
    await api.ok(UPDATE_RULE, { input: { code: 'ROLE_OVERLOAD', thresholds: [{ name: 'maxRoles', value: 1 }] } }, tenant.adminToken);
    const person = await make.person(org[0].id);
    await assign((await defineRole(programmes[0].id)).id, person.id);
    const second = await defineRole(programmes[1].id);
    await settled();
    expect(await openFlag('ROLE_OVERLOAD', person.id)).toBeUndefined();

    await assign(second.id, person.id);
    expect(await eventually(() => openFlag('ROLE_OVERLOAD', person.id))).toMatchObject({ ruleCode: 'ROLE_OVERLOAD' });
  });
});
