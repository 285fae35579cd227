import { randomUUID } from 'node:crypto';
import { ApiHarness, GraphQLResult, TestTenant, TestUser, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

interface Probe {
  name: string;
  query: string;
  /** Which of tenant B's records the probe aims at. */
  target: string;
  variables: (id: string) => Record<string, unknown>;
  as?: 'rep' | 'reviewer';
}

const RECORD = `mutation($input: RecordRecognitionInput!) { recordRecognition(input: $input) { id } }`;
const CREATE = `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id } }`;

describe('milestones and recognition isolation between tenants', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let aCoordinator: string;
  let aReviewer: string;
  let aRep: TestUser;
  let aProgramme: string;
  let aBody: string;
  let aPerson: string;
  let today: string;
  const b: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    today = (await api.owner.query(`select current_date as d`))[0].d;
    a = await api.newTenant('rec-iso-a');
    const tenantB = await api.newTenant('rec-iso-b');
    aCoordinator = (await api.newUser(a, 'COORDINATOR')).token;
    aReviewer = (await api.newUser(a, 'REVIEWER')).token;
    const makeA = new RegistryFactory(api, aCoordinator);
    const aLocality = (await makeA.locality()).id;
    aBody = (await makeA.members(aLocality, 1))[0].id;
    aPerson = (await makeA.person(aBody)).id;
    aRep = await api.newUser(a, 'MEMBER_REPRESENTATIVE', aBody);
    aProgramme = (await makeA.programme(aLocality, [aBody])).id;

    const bCoordinator = (await api.newUser(tenantB, 'COORDINATOR')).token;
    const makeB = new RegistryFactory(api, bCoordinator);
    const bLocality = (await makeB.locality('B Town')).id;
    const [bBody] = await makeB.members(bLocality, 1);
    b.organisation = bBody.id;
    b.person = (await makeB.person(bBody.id)).id;
    b.programme = (await makeB.programme(bLocality, [bBody.id])).id;
    b.milestone = (
      await api.ok(CREATE, { input: { programmeId: b.programme, name: 'Theirs', dueOn: today, achievedOn: today, contributorIds: [bBody.id] } }, bCoordinator)
    ).createMilestone.id;
    b.recognition = (
      await api.ok(
        RECORD,
        {
          input: {
            programmeId: b.programme,
            milestoneId: b.milestone,
            creditedPersonId: b.person,
            givenByOrganisationId: bBody.id,
            reason: 'Theirs only',
            visibleIn: ['OWN_ORGANISATION'],
          },
        },
        bCoordinator,
      )
    ).recordRecognition.id;
  });
  afterAll(() => sharedApi.leave(api));

  const recordInput = (programmeId: string, extra: Record<string, unknown> = {}) => ({
    input: { programmeId, creditedOrganisationId: aBody, givenByOrganisationId: aBody, reason: 'Spy', visibleIn: ['PUBLIC'], ...extra },
  });

  const probes: Probe[] = [
    { name: 'milestone', target: 'milestone', query: `query($id: ID!) { milestone(id: $id) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'milestone (as a representative)',
      target: 'milestone',
      query: `query($id: ID!) { milestone(id: $id) { name } }`,
      variables: (id) => ({ id }),
      as: 'rep',
    },
    { name: 'recognition', target: 'recognition', query: `query($id: ID!) { recognition(id: $id) { reason } }`, variables: (id) => ({ id }), as: 'reviewer' },
    { name: 'recognition (as a representative)', target: 'recognition', query: `query($id: ID!) { recognition(id: $id) { id } }`, variables: (id) => ({ id }), as: 'rep' },
    {
      name: 'createMilestone',
      target: 'programme',
      query: CREATE,
      variables: (id) => ({ input: { programmeId: id, name: 'Spy', dueOn: today } }),
    },
    {
      name: 'updateMilestone',
      target: 'milestone',
      query: `mutation($id: ID!) { updateMilestone(input: { milestoneId: $id, name: "Taken", contributorIds: [] }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'achieveMilestone',
      target: 'milestone',
      query: `mutation($id: ID!, $on: String) { achieveMilestone(input: { milestoneId: $id, achievedOn: $on }) { id } }`,
      variables: (id) => ({ id, on: today }),
    },
    { name: 'recordRecognition', target: 'programme', query: RECORD, variables: (id) => recordInput(id) },
    { name: 'recordRecognition (as a representative)', target: 'programme', query: RECORD, variables: (id) => recordInput(id), as: 'rep' },
  ];

  const tokenOf = (probe: Probe) => (probe.as === 'rep' ? aRep.token : probe.as === 'reviewer' ? aReviewer : aCoordinator);

  it.each(probes.map((p) => [p.name, p] as const))('%s: another tenant’s id reads exactly like an unknown one', async (_name, probe) => {
    const theirs = await api.graphql(probe.query, probe.variables(b[probe.target]), tokenOf(probe));
    const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), tokenOf(probe));
    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
  });

  /** The first error of an attempt with one of tenant B's ids, and with an unknown id, in our own records. */
  async function both(attempt: (id: string) => Promise<GraphQLResult>, target: string) {
    const [theirs, unknown] = [await attempt(b[target]), await attempt(randomUUID())];
    expect(theirs.errors?.[0]).toBeDefined();
    expect(theirs.errors?.[0]).toEqual(unknown.errors?.[0]);
    return theirs.errors![0];
  }

  it('another tenant’s organisation, person or milestone in our own records reads like an unknown one', async () => {
    const contributor = await both(
      (id) => api.graphql(CREATE, { input: { programmeId: aProgramme, name: `M ${randomUUID()}`, dueOn: today, contributorIds: [id] } }, aCoordinator),
      'organisation',
    );
    expect(contributor.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contributorIds' });

    const cases: [string, string, string, 'coordinator' | 'rep', string][] = [
      ['creditedPersonId', 'person', 'creditedPersonId', 'coordinator', 'BAD_USER_INPUT'],
      ['creditedOrganisationId', 'organisation', 'creditedOrganisationId', 'coordinator', 'BAD_USER_INPUT'],
      ['givenByPersonId', 'person', 'givenByPersonId', 'coordinator', 'BAD_USER_INPUT'],
      ['givenByOrganisationId', 'organisation', 'givenByOrganisationId', 'coordinator', 'BAD_USER_INPUT'],
      ['milestoneId', 'milestone', 'milestoneId', 'coordinator', 'BAD_USER_INPUT'],
      ['givenByPersonId', 'person', 'givenByPersonId', 'rep', 'FORBIDDEN'],
    ];
    for (const [key, target, field, as, code] of cases) {
      const credited = key.startsWith('credited') ? { creditedOrganisationId: undefined } : {};
      const giver = key.startsWith('givenBy') ? { givenByOrganisationId: undefined } : {};
      const error = await both(
        (id) => api.graphql(RECORD, recordInput(aProgramme, { ...credited, ...giver, [key]: id }), as === 'rep' ? aRep.token : aCoordinator),
        target,
      );
      expect([key, as, error.extensions.code]).toEqual([key, as, code]);
      if (code === 'BAD_USER_INPUT') expect([key, error.extensions.field]).toEqual([key, field]);
    }
  });

  it('reads and audit trails show nothing of the other tenant, and nothing of it changed', async () => {
    await api.ok(RECORD, recordInput(aProgramme, { creditedPersonId: aPerson, creditedOrganisationId: undefined }), aCoordinator);
    const read = await api.ok(
      `query($id: ID!, $org: ID!, $person: ID!, $from: String!, $to: String!, $m: ID!, $r: ID!) {
        programme(id: $id) { milestones { id } recognitions(from: $from, to: $to) { total recognitions { reason } } }
        organisation(id: $org) { recognitionsReceived(from: $from, to: $to) { total recognitions { reason } } }
        person(id: $person) { recognitionsReceived(from: $from, to: $to) { total } }
        m: auditEvents(entityType: "MILESTONE", entityId: $m, first: 10) { nodes { id } }
        r: auditEvents(entityType: "RECOGNITION", entityId: $r, first: 10) { nodes { id } }
      }`,
      { id: aProgramme, org: aBody, person: aPerson, from: today, to: today, m: b.milestone, r: b.recognition },
      aReviewer,
    );
    expect(read.programme).toEqual({ milestones: [], recognitions: { total: 1, recognitions: [{ reason: 'Spy' }] } });
    expect(read.organisation.recognitionsReceived).toEqual({ total: 1, recognitions: [{ reason: 'Spy' }] });
    expect(read.person.recognitionsReceived).toEqual({ total: 1 });
    expect(read.m.nodes).toEqual([]);
    expect(read.r.nodes).toEqual([]);

    const [milestone] = await api.owner.query(`select name, achieved_on from milestone where id = $1`, [b.milestone]);
    expect(milestone).toEqual({ name: 'Theirs', achieved_on: today });
    expect(await api.owner.query(`select organisation_id from milestone_contributor where milestone_id = $1`, [b.milestone])).toEqual([
      { organisation_id: b.organisation },
    ]);
    expect(await api.owner.query(`select reason from recognition where programme_id = $1`, [b.programme])).toEqual([{ reason: 'Theirs only' }]);
  });
});
