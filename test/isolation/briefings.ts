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

const ISSUE = `mutation($id: ID!) { issueBriefing(input: { programmeId: $id, title: "Spy briefing", summary: "Spying" }) { id } }`;
const ACKNOWLEDGE = `mutation($id: ID!, $org: ID!) {
  acknowledgeBriefing(input: { briefingId: $id, organisationId: $org, cascade: MANAGERS }) { id }
}`;

describe('briefings: isolation between tenants', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let aCoordinator: string;
  let aRep: TestUser;
  const aIds: Record<string, string> = {};
  const b: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    a = await api.newTenant('briefings-iso-a');
    const tenantB = await api.newTenant('briefings-iso-b');

    aCoordinator = (await api.newUser(a, 'COORDINATOR')).token;
    const makeA = new RegistryFactory(api, aCoordinator);
    aIds.locality = (await makeA.locality()).id;
    [aIds.organisation] = (await makeA.members(aIds.locality, 1)).map((o) => o.id);
    aRep = await api.newUser(a, 'MEMBER_REPRESENTATIVE', aIds.organisation);
    aIds.programme = (await makeA.programme(aIds.locality, [aIds.organisation])).id;
    aIds.briefing = (await api.ok(ISSUE.replace('Spy briefing', "A's briefing"), { id: aIds.programme }, aCoordinator)).issueBriefing.id;

    const bCoordinator = (await api.newUser(tenantB, 'COORDINATOR')).token;
    const makeB = new RegistryFactory(api, bCoordinator);
    b.locality = (await makeB.locality()).id;
    [b.organisation] = (await makeB.members(b.locality, 1)).map((o) => o.id);
    const bRep = await api.newUser(tenantB, 'MEMBER_REPRESENTATIVE', b.organisation);
    b.programme = (await makeB.programme(b.locality, [b.organisation])).id;
    b.briefing = (await api.ok(ISSUE.replace('Spy briefing', "B's briefing"), { id: b.programme }, bCoordinator)).issueBriefing.id;
    await api.ok(ACKNOWLEDGE, { id: b.briefing, org: b.organisation }, bRep.token);
  });
  afterAll(() => sharedApi.leave(api));

  const probes: Probe[] = [
    { name: 'briefing', target: 'briefing', query: `query($id: ID!) { briefing(id: $id) { id } }`, variables: (id) => ({ id }) },
    { name: 'issueBriefing', target: 'programme', query: ISSUE, variables: (id) => ({ id }) },
    {
      name: 'acknowledgeBriefing (their briefing, for own organisation)',
      target: 'briefing',
      as: 'rep',
      query: ACKNOWLEDGE,
      variables: (id) => ({ id, org: aIds.organisation }),
    },
    {
      name: 'acknowledgeBriefing (own briefing, for their organisation)',
      target: 'organisation',
      as: 'rep',
      code: 'FORBIDDEN',
      query: ACKNOWLEDGE,
      variables: (org) => ({ id: aIds.briefing, org }),
    },
    {
      name: 'briefingAcknowledgement',
      target: 'organisation',
      query: `query($id: ID!) { briefingAcknowledgement(organisationId: $id, from: "2000-01-01", to: "2100-12-31") { received } }`,
      variables: (id) => ({ id }),
    },
  ];

  it.each(probes.map((p) => [p.name, p] as const))('%s: another tenant’s id reads exactly like an unknown one', async (_name, probe) => {
    const token = probe.as === 'rep' ? aRep.token : aCoordinator;
    const theirs = await api.graphql(probe.query, probe.variables(b[probe.target]), token);
    const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), token);
    expect(theirs.errors?.[0].extensions.code).toBe(probe.code ?? 'NOT_FOUND');
    expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
  });

  it('shows nothing of the other tenant’s briefings or acknowledgements, and nothing of them changed', async () => {
    const read = await api.ok(
      `query($programme: ID!, $organisation: ID!, $briefing: ID!) {
        programme(id: $programme) { briefings(first: 10) { nodes { id recipients { organisation { id } } acknowledgements { id } } } }
        organisation(id: $organisation) { briefingAcknowledgement(from: "2000-01-01", to: "2100-12-31") {
          received acknowledged unacknowledged(first: 10) { nodes { id } } } }
        audit: auditEvents(entityType: "BRIEFING", entityId: $briefing, first: 10) { nodes { id } }
      }`,
      { programme: aIds.programme, organisation: aIds.organisation, briefing: b.briefing },
      aCoordinator,
    );
    expect(read.programme.briefings.nodes).toEqual([
      { id: aIds.briefing, recipients: [{ organisation: { id: aIds.organisation } }], acknowledgements: [] },
    ]);
    expect(read.organisation.briefingAcknowledgement).toEqual({ received: 1, acknowledged: 0, unacknowledged: { nodes: [{ id: aIds.briefing }] } });
    expect(read.audit.nodes).toEqual([]);

    const [bState] = await api.owner.query(
      `select (select count(*)::int from briefing where programme_id = $1) as briefings,
              (select count(*)::int from briefing_recipient where briefing_id = $2) as recipients,
              (select count(*)::int from briefing_acknowledgement where briefing_id = $2) as acknowledgements,
              (select cascade_level from briefing_recipient where briefing_id = $2) as cascade`,
      [b.programme, b.briefing],
    );
    expect(bState).toEqual({ briefings: 1, recipients: 1, acknowledgements: 1, cascade: 'MANAGERS' });
    const spies = await api.owner.query(`select count(*)::int as n from briefing where title = 'Spy briefing'`);
    expect(spies[0].n).toBe(0);
  });
});
