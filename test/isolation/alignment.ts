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

const transition = (mutation: string, extra = '') => ({
  query: `mutation($id: ID!) { ${mutation}(input: { requestId: $id${extra} }) { id } }`,
  variables: (id: string) => ({ id }),
});

describe('alignment request isolation between tenants', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let aCoordinator: string;
  let aRep: TestUser;
  let aProgrammeId: string;
  let aOrganisationId: string;
  let aOtherOrganisationId: string;
  let due: string;
  const b: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    a = await api.newTenant('aiso-a');
    const tenantB = await api.newTenant('aiso-b');
    due = (await api.owner.query(`select (current_date + 7)::text as d`))[0].d;

    aCoordinator = (await api.newUser(a, 'COORDINATOR')).token;
    const makeA = new RegistryFactory(api, aCoordinator);
    const aLocality = (await makeA.locality()).id;
    [aOrganisationId, aOtherOrganisationId] = (await makeA.members(aLocality, 2)).map((o) => o.id);
    aProgrammeId = (await makeA.programme(aLocality, [aOrganisationId, aOtherOrganisationId])).id;
    aRep = await api.newUser(a, 'MEMBER_REPRESENTATIVE', aOrganisationId);

    const bCoordinator = (await api.newUser(tenantB, 'COORDINATOR')).token;
    const makeB = new RegistryFactory(api, bCoordinator);
    const bLocality = (await makeB.locality('B Town')).id;
    const [first, second] = await makeB.members(bLocality, 2);
    b.organisation = first.id;
    b.programme = (await makeB.programme(bLocality, [first.id, second.id])).id;
    const made = await api.ok(
      `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`,
      {
        input: {
          programmeId: b.programme,
          requestingOrganisationId: first.id,
          targetOrganisationId: second.id,
          kind: 'DATA_SHARING',
          title: 'B secret',
          description: 'Only for tenant B',
          responseDueOn: due,
        },
      },
      bCoordinator,
    );
    b.request = made.requestAlignment.id;
  });
  afterAll(() => sharedApi.leave(api));

  const probes: Probe[] = [
    { name: 'alignmentRequest', target: 'request', query: `query($id: ID!) { alignmentRequest(id: $id) { id title } }`, variables: (id) => ({ id }) },
    {
      name: 'alignmentRequest (as a representative)',
      target: 'request',
      as: 'rep',
      query: `query($id: ID!) { alignmentRequest(id: $id) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'alignmentRequests (programme)',
      target: 'programme',
      query: `query($id: ID!) { alignmentRequests(programmeId: $id) { nodes { id } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'alignmentRequests (organisation)',
      target: 'organisation',
      query: `query($id: ID!) { alignmentRequests(organisationId: $id, direction: MADE) { nodes { id } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'alignmentRequests (their organisation in our programme)',
      target: 'organisation',
      query: `query($id: ID!, $p: ID!) { alignmentRequests(programmeId: $p, organisationId: $id) { nodes { id } } }`,
      variables: (id) => ({ id, p: aProgrammeId }),
    },
    {
      name: 'programme { alignmentRequests alignmentDeclineRates }',
      target: 'programme',
      query: `query($id: ID!) { programme(id: $id) { alignmentRequests { nodes { id } } alignmentDeclineRates { declineRate } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'organisation { alignmentRequestsMade alignmentDeclineRate }',
      target: 'organisation',
      query: `query($id: ID!) { organisation(id: $id) { alignmentRequestsMade { nodes { id } } alignmentDeclineRate { responded } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'alignmentDeclineRate (their programme)',
      target: 'programme',
      query: `query($id: ID!, $o: ID!) { organisation(id: $o) { alignmentDeclineRate(programmeId: $id) { responded } } }`,
      variables: (id) => ({ id, o: aOrganisationId }),
    },
    {
      name: 'requestAlignment (their programme)',
      target: 'programme',
      query: `mutation($id: ID!, $org: ID!, $target: ID!, $due: String!) { requestAlignment(input: { programmeId: $id,
        requestingOrganisationId: $org, targetOrganisationId: $target, kind: OTHER, title: "Probe", description: "Probe", responseDueOn: $due }) { id } }`,
      variables: (id) => ({ id, org: aOrganisationId, target: aOtherOrganisationId, due }),
    },
    {
      name: 'requestAlignment (their programme, as a representative)',
      target: 'programme',
      as: 'rep',
      query: `mutation($id: ID!, $target: ID!, $due: String!) { requestAlignment(input: { programmeId: $id,
        targetOrganisationId: $target, kind: OTHER, title: "Probe", description: "Probe", responseDueOn: $due }) { id } }`,
      variables: (id) => ({ id, target: aOtherOrganisationId, due }),
    },
    {
      name: 'requestAlignment (their organisation as the target)',
      target: 'organisation',
      as: 'rep',
      code: 'BAD_USER_INPUT',
      query: `mutation($id: ID!, $p: ID!, $due: String!) { requestAlignment(input: { programmeId: $p,
        targetOrganisationId: $id, kind: OTHER, title: "Probe", description: "Probe", responseDueOn: $due }) { id } }`,
      variables: (id) => ({ id, p: aProgrammeId, due }),
    },
    {
      name: 'requestAlignment (their organisation asking)',
      target: 'organisation',
      code: 'BAD_USER_INPUT',
      query: `mutation($id: ID!, $p: ID!, $target: ID!, $due: String!) { requestAlignment(input: { programmeId: $p,
        requestingOrganisationId: $id, targetOrganisationId: $target, kind: OTHER, title: "Probe", description: "Probe", responseDueOn: $due }) { id } }`,
      variables: (id) => ({ id, p: aProgrammeId, target: aOtherOrganisationId, due }),
    },
    { name: 'agreeAlignmentRequest', target: 'request', as: 'rep', ...transition('agreeAlignmentRequest', `, plannedOn: "2099-01-01"`) },
    { name: 'declineAlignmentRequest', target: 'request', as: 'rep', ...transition('declineAlignmentRequest', ', reason: "Probe"') },
    { name: 'recordAlignmentAdapted', target: 'request', as: 'rep', ...transition('recordAlignmentAdapted') },
    { name: 'withdrawAlignmentRequest', target: 'request', ...transition('withdrawAlignmentRequest', ', reason: "Probe"') },
    {
      name: 'withdrawAlignmentRequest (as a representative)',
      target: 'request',
      as: 'rep',
      ...transition('withdrawAlignmentRequest', ', reason: "Probe"'),
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

  it('lists, rates and audit trails show nothing of the other tenant, and nothing of it changed', async () => {
    const reads = await api.ok(
      `query($p: ID!, $o: ID!, $request: ID!) {
        alignmentRequests(programmeId: $p, first: 100) { nodes { id } }
        organisation(id: $o) { alignmentRequestsMade { nodes { id } } alignmentRequestsReceived { nodes { id } } alignmentDeclineRate { responded } }
        programme(id: $p) { alignmentDeclineRates { organisation { id } responded } }
        audit: auditEvents(entityType: "ALIGNMENT_REQUEST", entityId: $request, first: 10) { nodes { id } }
      }`,
      { p: aProgrammeId, o: aOrganisationId, request: b.request },
      aCoordinator,
    );
    expect(reads.alignmentRequests.nodes).toEqual([]);
    expect(reads.organisation).toEqual({ alignmentRequestsMade: { nodes: [] }, alignmentRequestsReceived: { nodes: [] }, alignmentDeclineRate: { responded: 0 } });
    expect(reads.programme.alignmentDeclineRates.map((r: { organisation: { id: string } }) => r.organisation.id).sort()).toEqual(
      [aOrganisationId, aOtherOrganisationId].sort(),
    );
    expect(reads.audit.nodes).toEqual([]);

    const [request] = await api.owner.query(`select status, title from alignment_request where id = $1`, [b.request]);
    expect(request).toEqual({ status: 'REQUESTED', title: 'B secret' });
    const history = await api.owner.query(`select to_status from alignment_request_event where request_id = $1`, [b.request]);
    expect(history).toEqual([{ to_status: 'REQUESTED' }]);
    expect(await api.owner.query(`select count(*)::int as n from alignment_request where tenant_id = $1`, [a.id])).toEqual([{ n: 0 }]);
  });
});
