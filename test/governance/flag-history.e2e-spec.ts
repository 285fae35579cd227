import { codeOf } from '../support/api-harness';
import { RulesPartnership } from '../support/governance-probe';
import { ENDORSE } from '../support/registry-factory';

const NOMINATE = `mutation($input: NominateLeaderInput!) { nominateLeader(input: $input) { id } }`;
const FLAG = `query($id: ID!) {
  governanceFlag(id: $id) { state evidenceRecords { type id role } history { kind at actorUserId reason } }
}`;
const FLAGS = `query($l: ID!) { governanceFlags(localityId: $l, state: [OPEN, ACKNOWLEDGED, DISMISSED], first: 5) { nodes { id history { kind } } } }`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeGovernanceFlag(input: { flagId: $id }) { state } }`;
const DISMISS = `mutation($id: ID!, $reason: String!) { dismissGovernanceFlag(input: { flagId: $id, reason: $reason }) { state } }`;

type Key = 'A' | 'B' | 'C';

/** A flag's typed evidence records and its history (raised, acknowledged, dismissed, reopened, resolved), over HTTP. */
describe('governance flags: evidence records and history', () => {
  let { api, tenant, coordinator, probe, make, locality, org, rep, person } = {} as RulesPartnership<Key>;
  beforeAll(async () => {
    ({ api, tenant, coordinator, probe, make, locality, org, rep, person } = await RulesPartnership.start('flag-history', {
      bodies: ['A', 'B', 'C'],
      representatives: true,
      people: true,
    }));
  });
  afterAll(() => api.stop());

  const oppose = (nominationId: string, by: Key) => api.ok(ENDORSE, { input: { nominationId, organisationId: org[by], position: 'OPPOSE' } }, rep[by].token);

  it('lists the records the evidence names and what happened to the flag, oldest first, for whoever reads flags', async () => {
    const programme = await make.programme(locality.id, [org.A, org.B, org.C]);
    const nomination = (await api.ok(NOMINATE, { input: { programmeId: programme.id, personId: person.A } }, coordinator)).nominateLeader;
    await oppose(nomination.id, 'B');
    await probe.scan(new Date(), locality.id);
    const flag = await probe.flagAbout('LEADERSHIP_NOMINATION_OPPOSED', nomination.id);
    const coordinatorUser = (await api.ok(`{ me { id } }`, {}, coordinator)).me.id;

    await api.ok(ACKNOWLEDGE, { id: flag!.id }, coordinator);
    await api.ok(DISMISS, { id: flag!.id, reason: 'Agreed at the board: B will abstain.' }, coordinator);
    // Another body opposes: the evidence changes and the next scan opens the flag again.
    await oppose(nomination.id, 'C');
    await probe.scan(new Date(), locality.id);

    const reviewer = await api.newUser(tenant, 'REVIEWER');
    const { governanceFlag } = await api.ok(FLAG, { id: flag!.id }, reviewer.token);
    expect(governanceFlag.state).toBe('OPEN');
    expect(governanceFlag.evidenceRecords).toEqual([
      { type: 'PROGRAMME', id: programme.id, role: 'programmeId' },
      ...[org.B, org.C].sort().map((id) => ({ type: 'ORGANISATION', id, role: 'opposingOrganisationIds' })),
      { type: 'PERSON', id: person.A, role: 'personId' },
    ]);
    expect(governanceFlag.history).toEqual([
      { kind: 'RAISED', at: expect.any(String), actorUserId: null, reason: null },
      { kind: 'ACKNOWLEDGED', at: expect.any(String), actorUserId: coordinatorUser, reason: null },
      { kind: 'DISMISSED', at: expect.any(String), actorUserId: coordinatorUser, reason: 'Agreed at the board: B will abstain.' },
      { kind: 'REOPENED', at: expect.any(String), actorUserId: null, reason: null },
    ]);
    const times = governanceFlag.history.map((entry: { at: string }) => Date.parse(entry.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // The cause clears: resolved, last.
    await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: org.B, position: 'SUPPORT' } }, rep.B.token);
    await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: org.C, position: 'ABSTAIN' } }, rep.C.token);
    await probe.scan(new Date(), locality.id);
    const resolved = (await api.ok(FLAG, { id: flag!.id }, coordinator)).governanceFlag;
    expect(resolved.history.map((entry: { kind: string }) => entry.kind)).toEqual(['RAISED', 'ACKNOWLEDGED', 'DISMISSED', 'REOPENED', 'RESOLVED']);

    // In a list, each flag has its own history (loaded together).
    const other = await make.programme(locality.id, [org.A, org.B]);
    const second = (await api.ok(NOMINATE, { input: { programmeId: other.id, personId: person.B } }, coordinator)).nominateLeader;
    await oppose(second.id, 'A');
    await probe.scan(new Date(), locality.id);
    const listed = (await api.ok(FLAGS, { l: locality.id }, reviewer.token)).governanceFlags.nodes;
    expect(listed.find((f: { id: string }) => f.id === flag!.id)).toBeUndefined();
    expect(listed.map((f: { history: { kind: string }[] }) => f.history.map((e) => e.kind))).toContainEqual(['RAISED']);
  });

  it('refuses the flag, its evidence and history to member representatives and to another tenant', async () => {
    const [flag] = await probe.flags('LEADERSHIP_NOMINATION_OPPOSED');
    expect(codeOf(await api.graphql(FLAG, { id: flag.id }, rep.A.token))).toBe('FORBIDDEN');
    const stranger = await api.newTenant('flag-history-other');
    expect(codeOf(await api.graphql(FLAG, { id: flag.id }, stranger.adminToken))).toBe('NOT_FOUND');
  });
});
