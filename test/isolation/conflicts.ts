import { randomUUID } from 'node:crypto';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

interface Probe {
  name: string;
  query: string;
  /** Which of tenant B's records the probe aims at. */
  target: string;
  variables: (id: string) => Record<string, unknown>;
  as?: 'rep';
  /** The code both B's id and an unknown id get; NOT_FOUND unless said. */
  code?: string;
}

const STAGES = [{ name: 'Talk', owner: 'Leads', timeLimitDays: 7 }];
const transition = (mutation: string, extra = '') => ({
  query: `mutation($id: ID!) { ${mutation}(input: { conflictId: $id${extra} }) { id } }`,
});

describe('conflict isolation between tenants', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let aCoordinator: string;
  let aRep: TestUser;
  let aLocalityId: string;
  let aOrganisationId: string;
  let aOtherOrganisationId: string;
  const b: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    a = await api.newTenant('ciso-a');
    const tenantB = await api.newTenant('ciso-b');
    aCoordinator = (await api.newUser(a, 'COORDINATOR')).token;
    const makeA = new RegistryFactory(api, aCoordinator);
    aLocalityId = (await makeA.locality()).id;
    [aOrganisationId, aOtherOrganisationId] = (await makeA.members(aLocalityId, 2)).map((o) => o.id);
    aRep = await api.newUser(a, 'MEMBER_REPRESENTATIVE', aOrganisationId);

    const bCoordinator = (await api.newUser(tenantB, 'COORDINATOR')).token;
    const makeB = new RegistryFactory(api, bCoordinator);
    b.locality = (await makeB.locality('B Town')).id;
    const [first, second] = await makeB.members(b.locality, 2);
    b.organisation = first.id;
    b.organisation2 = second.id;
    b.programme = (await makeB.programme(b.locality, [first.id, second.id])).id;
    const process = await api.ok(
      `mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`,
      { input: { localityId: b.locality, stages: STAGES } },
      bCoordinator,
    );
    b.process = process.setConflictProcess.id;
    const raised = await api.ok(
      `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
      {
        input: {
          localityId: b.locality,
          programmeId: b.programme,
          raisedByOrganisationId: first.id,
          partyIds: [second.id],
          category: 'CULTURE',
          severity: 'MEDIUM',
          title: 'B secret',
          description: 'Only for tenant B',
        },
      },
      bCoordinator,
    );
    b.conflict = raised.raiseConflict.id;
  });
  afterAll(() => sharedApi.leave(api));

  const probes: Probe[] = [
    { name: 'conflictProcess', target: 'process', query: `query($id: ID!) { conflictProcess(id: $id) { id } }`, variables: (id) => ({ id }) },
    { name: 'conflict', target: 'conflict', query: `query($id: ID!) { conflict(id: $id) { id title } }`, variables: (id) => ({ id }) },
    { name: 'conflict (as a representative)', target: 'conflict', as: 'rep', query: `query($id: ID!) { conflict(id: $id) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'conflicts (locality)',
      target: 'locality',
      query: `query($id: ID!) { conflicts(localityId: $id) { nodes { id } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'conflicts (programme)',
      target: 'programme',
      query: `query($id: ID!) { conflicts(programmeId: $id) { nodes { id } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'conflicts (organisation)',
      target: 'organisation',
      query: `query($id: ID!) { conflicts(organisationId: $id) { nodes { id } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'setConflictProcess (locality)',
      target: 'locality',
      query: `mutation($id: ID!, $stages: [ConflictStageInput!]!) { setConflictProcess(input: { localityId: $id, stages: $stages }) { id } }`,
      variables: (id) => ({ id, stages: STAGES }),
    },
    {
      name: 'setConflictProcess (programme)',
      target: 'programme',
      query: `mutation($id: ID!, $stages: [ConflictStageInput!]!) { setConflictProcess(input: { programmeId: $id, stages: $stages }) { id } }`,
      variables: (id) => ({ id, stages: STAGES }),
    },
    {
      name: 'agreeConflictProcess',
      target: 'process',
      query: `mutation($id: ID!) { agreeConflictProcess(input: { processId: $id }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'raiseConflict (their locality)',
      target: 'locality',
      query: `mutation($id: ID!, $org: ID!, $party: ID!) { raiseConflict(input: { localityId: $id, raisedByOrganisationId: $org,
        partyIds: [$party], category: OTHER, severity: LOW, title: "Probe", description: "Probe" }) { id } }`,
      variables: (id) => ({ id, org: aOrganisationId, party: aOtherOrganisationId }),
    },
    {
      name: 'raiseConflict (their locality, as a representative)',
      target: 'locality',
      as: 'rep',
      query: `mutation($id: ID!, $party: ID!) { raiseConflict(input: { localityId: $id, partyIds: [$party], category: OTHER,
        severity: LOW, title: "Probe", description: "Probe" }) { id } }`,
      variables: (id) => ({ id, party: aOtherOrganisationId }),
    },
    {
      name: 'raiseConflict (their programme)',
      target: 'programme',
      code: 'BAD_USER_INPUT',
      query: `mutation($id: ID!, $loc: ID!, $party: ID!) { raiseConflict(input: { localityId: $loc, programmeId: $id, partyIds: [$party],
        category: OTHER, severity: LOW, title: "Probe", description: "Probe" }) { id } }`,
      variables: (id) => ({ id, loc: aLocalityId, party: aOtherOrganisationId }),
      as: 'rep',
    },
    {
      name: 'raiseConflict (their organisation as a party)',
      target: 'organisation',
      code: 'BAD_USER_INPUT',
      query: `mutation($id: ID!, $loc: ID!) { raiseConflict(input: { localityId: $loc, partyIds: [$id], category: OTHER,
        severity: LOW, title: "Probe", description: "Probe" }) { id } }`,
      variables: (id) => ({ id, loc: aLocalityId }),
      as: 'rep',
    },
    {
      name: 'raiseConflict (their organisation raising)',
      target: 'organisation',
      code: 'BAD_USER_INPUT',
      query: `mutation($id: ID!, $loc: ID!, $party: ID!) { raiseConflict(input: { localityId: $loc, raisedByOrganisationId: $id,
        partyIds: [$party], category: OTHER, severity: LOW, title: "Probe", description: "Probe" }) { id } }`,
      variables: (id) => ({ id, loc: aLocalityId, party: aOtherOrganisationId }),
    },
    { name: 'acknowledgeConflict', target: 'conflict', ...transition('acknowledgeConflict'), variables: (id) => ({ id }) },
    {
      name: 'acknowledgeConflict (as a representative)',
      target: 'conflict',
      as: 'rep',
      ...transition('acknowledgeConflict'),
      variables: (id) => ({ id }),
    },
    { name: 'startConflictResolution', target: 'conflict', ...transition('startConflictResolution'), variables: (id) => ({ id }) },
    { name: 'escalateConflict', target: 'conflict', ...transition('escalateConflict'), variables: (id) => ({ id }) },
    {
      name: 'resolveConflict',
      target: 'conflict',
      ...transition('resolveConflict', ', outcome: "Probe"'),
      variables: (id) => ({ id }),
    },
    {
      name: 'closeConflictUnresolved',
      target: 'conflict',
      ...transition('closeConflictUnresolved', ', reason: "Probe"'),
      variables: (id) => ({ id }),
    },
    {
      name: 'commentOnConflict',
      target: 'conflict',
      ...transition('commentOnConflict', ', comment: "Probe"'),
      variables: (id) => ({ id }),
    },
    {
      name: 'commentOnConflict (as a representative)',
      target: 'conflict',
      as: 'rep',
      ...transition('commentOnConflict', ', comment: "Probe"'),
      variables: (id) => ({ id }),
    },
  ];

  it.each(probes.map((p) => [p.name, p] as const))('%s: another tenant’s id reads exactly like an unknown one', async (_name, probe) => {
    const token = probe.as === 'rep' ? aRep.token : aCoordinator;
    const theirs = await api.graphql(probe.query, probe.variables(b[probe.target]), token);
    const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), token);
    expect(theirs.errors?.[0].extensions.code).toBe(probe.code ?? 'NOT_FOUND');
    expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
    expect(JSON.stringify(theirs)).not.toContain('B secret');
  });

  it('lists and audit trails show nothing of the other tenant, and nothing of it changed', async () => {
    const reads = await api.ok(
      `query($loc: ID!, $conflict: ID!, $process: ID!) {
        conflicts(localityId: $loc, first: 100) { nodes { id } }
        locality(id: $loc) { conflictProcess { id } conflicts(first: 100) { nodes { id } } }
        conflictAudit: auditEvents(entityType: "CONFLICT", entityId: $conflict, first: 10) { nodes { id } }
        processAudit: auditEvents(entityType: "CONFLICT_PROCESS", entityId: $process, first: 10) { nodes { id } }
      }`,
      { loc: aLocalityId, conflict: b.conflict, process: b.process },
      aCoordinator,
    );
    expect(reads.conflicts.nodes).toEqual([]);
    expect(reads.locality).toEqual({ conflictProcess: null, conflicts: { nodes: [] } });
    expect(reads.conflictAudit.nodes).toEqual([]);
    expect(reads.processAudit.nodes).toEqual([]);

    const [conflict] = await api.owner.query(`select status, title, tenant_id from conflict where id = $1`, [b.conflict]);
    expect(conflict).toMatchObject({ status: 'OPEN', title: 'B secret' });
    expect((await api.owner.query(`select kind from conflict_event where conflict_id = $1`, [b.conflict])).map((e: { kind: string }) => e.kind)).toEqual([
      'RAISED',
    ]);
    const versions = await api.owner.query(`select version, agreed_on from conflict_process_version where process_id = $1`, [b.process]);
    expect(versions).toEqual([{ version: 1, agreed_on: null }]);
    expect(await api.owner.query(`select count(*)::int as n from conflict where tenant_id = $1`, [a.id])).toEqual([{ n: 0 }]);
    expect(await api.owner.query(`select count(*)::int as n from conflict_process where tenant_id = $1`, [a.id])).toEqual([{ n: 0 }]);
  });
});
