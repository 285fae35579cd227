import { randomUUID } from 'node:crypto';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

interface Probe {
  name: string;
  query: string;
  /** Which of tenant B's records the probe aims at. */
  target: string;
  variables: (id: string) => Record<string, unknown>;
  as?: 'rep';
}

describe('registry isolation between tenants', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let aCoordinator: string;
  let aRep: TestUser;
  const b: Record<string, string> = {};
  let aOrganisationId: string;
  let aLocalityId: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    a = await api.newTenant('iso-a');
    const tenantB = await api.newTenant('iso-b');
    aCoordinator = (await api.newUser(a, 'COORDINATOR')).token;
    const makeA = new RegistryFactory(api, aCoordinator);
    aLocalityId = (await makeA.locality()).id;
    aOrganisationId = (await makeA.members(aLocalityId, 1))[0].id;
    aRep = await api.newUser(a, 'MEMBER_REPRESENTATIVE', aOrganisationId);

    const makeB = new RegistryFactory(api, (await api.newUser(tenantB, 'COORDINATOR')).token);
    b.locality = (await makeB.locality('B Town')).id;
    const [first, second] = await makeB.members(b.locality, 2);
    b.organisation = first.id;
    b.organisation2 = second.id;
    b.person = (await makeB.person(first.id)).id;
    b.programme = (await makeB.programme(b.locality, [first.id, second.id])).id;
    b.nomination = (await makeB.nominate(b.programme, b.person)).id;
  });
  afterAll(() => sharedApi.leave(api));

  const probes: Probe[] = [
    { name: 'locality', target: 'locality', query: `query($id: ID!) { locality(id: $id) { id } }`, variables: (id) => ({ id }) },
    { name: 'organisation', target: 'organisation', query: `query($id: ID!) { organisation(id: $id) { id } }`, variables: (id) => ({ id }) },
    { name: 'person', target: 'person', query: `query($id: ID!) { person(id: $id) { id } }`, variables: (id) => ({ id }) },
    { name: 'programme', target: 'programme', query: `query($id: ID!) { programme(id: $id) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'renameLocality',
      target: 'locality',
      query: `mutation($id: ID!) { renameLocality(input: { localityId: $id, name: "Taken" }) { id } }`,
      variables: (id) => ({ id }),
    },
    { name: 'archiveLocality', target: 'locality', query: `mutation($id: ID!) { archiveLocality(localityId: $id) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'addMember (their locality)',
      target: 'locality',
      query: `mutation($id: ID!, $org: ID!) { addMember(input: { localityId: $id, organisationId: $org }) { id } }`,
      variables: (id) => ({ id, org: aOrganisationId }),
    },
    {
      name: 'addMember (their organisation)',
      target: 'organisation',
      query: `mutation($id: ID!, $loc: ID!) { addMember(input: { localityId: $loc, organisationId: $id }) { id } }`,
      variables: (id) => ({ id, loc: aLocalityId }),
    },
    {
      name: 'recordMemberLeft',
      target: 'locality',
      query: `mutation($id: ID!, $org: ID!) { recordMemberLeft(input: { localityId: $id, organisationId: $org }) { id } }`,
      variables: (id) => ({ id, org: b.organisation }),
    },
    {
      name: 'createPerson',
      target: 'organisation',
      query: `mutation($id: ID!) { createPerson(input: { organisationId: $id, fullName: "Spy" }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'setPersonCompetencies',
      target: 'person',
      query: `mutation($id: ID!) { setPersonCompetencies(input: { personId: $id, competencies: [] }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'createProgramme',
      target: 'locality',
      query: `mutation($id: ID!) { createProgramme(input: { localityId: $id, name: "Spy programme" }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'updateProgramme',
      target: 'programme',
      query: `mutation($id: ID!) { updateProgramme(input: { programmeId: $id, name: "Taken" }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'addProgrammeParticipant',
      target: 'programme',
      query: `mutation($id: ID!, $org: ID!) { addProgrammeParticipant(input: { programmeId: $id, organisationId: $org }) { id } }`,
      variables: (id) => ({ id, org: aOrganisationId }),
    },
    {
      name: 'removeProgrammeParticipant',
      target: 'programme',
      query: `mutation($id: ID!, $org: ID!) { removeProgrammeParticipant(input: { programmeId: $id, organisationId: $org }) { id } }`,
      variables: (id) => ({ id, org: b.organisation2 }),
    },
    {
      name: 'nominateLeader',
      target: 'programme',
      query: `mutation($id: ID!, $person: ID!) { nominateLeader(input: { programmeId: $id, personId: $person }) { id } }`,
      variables: (id) => ({ id, person: b.person }),
    },
    { name: 'withdrawNomination', target: 'nomination', query: `mutation($id: ID!) { withdrawNomination(nominationId: $id) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'stepDownLeader',
      target: 'programme',
      query: `mutation($id: ID!) { stepDownLeader(input: { programmeId: $id }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'endorseNomination',
      target: 'nomination',
      query: ENDORSE,
      variables: (id) => ({ input: { nominationId: id, organisationId: aOrganisationId, position: 'SUPPORT' } }),
      as: 'rep',
    },
  ];


  it.each(probes.map((p) => [p.name, p] as const))('%s: another tenant’s id reads exactly like an unknown one', async (_name, probe) => {
    const token = probe.as === 'rep' ? aRep.token : aCoordinator;
    const theirs = await api.graphql(probe.query, probe.variables(b[probe.target]), token);
    const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), token);
    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
  });

  it('lists and audit trails show nothing of the other tenant, and nothing of it changed', async () => {
    const lists = await api.ok(
      `query($id: ID!) {
        localities(first: 100) { nodes { id } }
        organisations(first: 100) { nodes { id } }
        auditEvents(entityType: "LOCALITY", entityId: $id, first: 10) { nodes { id } }
      }`,
      { id: b.locality },
      aCoordinator,
    );
    const ids = [...lists.localities.nodes, ...lists.organisations.nodes].map((n: { id: string }) => n.id);
    expect(ids).not.toContain(b.locality);
    expect(ids).not.toContain(b.organisation);
    expect(lists.auditEvents.nodes).toEqual([]);
    const [locality] = await api.owner.query(`select name, archived_at from locality where id = $1`, [b.locality]);
    expect(locality).toEqual({ name: 'B Town', archived_at: null });
    const [nomination] = await api.owner.query(`select status from leader_nomination where id = $1`, [b.nomination]);
    expect(nomination.status).toBe('OPEN');
  });
});
