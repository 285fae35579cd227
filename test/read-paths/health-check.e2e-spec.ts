import { LOCALITY, RESULTS, ROUNDS, ROUND_PAGE } from '../../libs/web/src/health-check-rounds/rounds.documents';
import { CLOSE_ROUND, SUBMIT, answersTo, invite, openRound, publishedRound, surveyedPartnership, utcDay } from '../health-check/health-check-fixture';
import { ApiHarness } from '../support/api-harness';
import { compareForRoles, sendRead } from '../support/read-both-ways';

const INSTRUMENT = `{ healthCheckInstrument { id name version statements { id position barrier text baselineShare baselineLabel } } }`;
const ROUND_FIELDS = `__typename id title opensOn closesOn status countNeutral minGroupSize invitedCount responseCount
  locality { id name } programme { id name } statements { id position barrier text baselineShare baselineLabel }`;

describe('health-check reads: compiled answers are the executed ones, for every role', () => {
  let api: ApiHarness;
  const tokens: Record<string, string> = {};
  let localityId: string;
  let roundIds: string[];

  beforeAll(async () => {
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback' });
    const partnership = await surveyedPartnership(api, 'read-health-check', { bodies: 3, peoplePerBody: 2 });
    localityId = partnership.localityId;
    const { tenant, make, bodies } = partnership;
    tokens.TENANT_ADMIN = tenant.adminToken;
    tokens.COORDINATOR = partnership.coordinator;
    tokens.REVIEWER = (await api.newUser(tenant, 'REVIEWER')).token;
    tokens.REPRESENTATIVE = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[0].id)).token;
    const elsewhere = await make.locality();
    const [stranger] = await make.members(elsewhere.id, 1);
    tokens.OUTSIDER = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;
    const programme = await make.programme(localityId, [bodies[0].id, bodies[1].id]);

    const published = await publishedRound(api, partnership, { minGroupSize: 3 }, (position, person) => (position + person) % 3 ? 'AGREE' : 'DISAGREE');
    // Open, of one programme, one answer still pooled; scheduled; closed today by the coordinator.
    const open = await openRound(api, partnership, { programmeId: programme.id, title: 'Programme check', countNeutral: true });
    const { links } = await invite(api, tokens.COORDINATOR, open.id, { organisationIds: [bodies[0].id] });
    await api.ok(SUBMIT, { input: { token: links[0].token, answers: answersTo(open.statements) } });
    const scheduled = await openRound(api, partnership, { title: 'Later', opensOn: await utcDay(api, 3), closesOn: await utcDay(api, 9) });
    const closed = await openRound(api, partnership, { title: 'Closed early' });
    await api.ok(CLOSE_ROUND, { id: closed.id }, tokens.COORDINATOR);
    roundIds = [published.id, open.id, scheduled.id, closed.id];
  });
  afterAll(() => api.stop());

  const READERS = ['TENANT_ADMIN', 'COORDINATOR', 'REVIEWER'];
  const readers = (role: string) => READERS.includes(role);

  const check = (query: string, variables: Record<string, unknown>, compiledFor: (role: string) => boolean) =>
    compareForRoles(api, tokens, query, variables, compiledFor);

  it("answers the rounds pages in one statement: a locality's rounds a page at a time, and each round", async () => {
    const first = JSON.parse((await check(ROUNDS, { localityId, first: 2 }, readers)).COORDINATOR).data.surveyRounds;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = JSON.parse((await check(ROUNDS, { localityId, first: 2, after: first.pageInfo.endCursor }, readers)).COORDINATOR).data.surveyRounds;
    expect([...first.nodes, ...rest.nodes].map((r: { status: string }) => r.status).sort()).toEqual(['CLOSED', 'CLOSED', 'OPEN', 'SCHEDULED']);
    await check(LOCALITY, { localityId }, readers);
    for (const id of roundIds) {
      await check(ROUND_PAGE, { id }, readers);
      await check(`query($id: ID!) { r: surveyRound(id: $id) { ${ROUND_FIELDS} } again: surveyRound(id: $id) { id } }`, { id: id.toUpperCase() }, readers);
    }
    const open = JSON.parse((await check(ROUND_PAGE, { id: roundIds[1] }, readers)).COORDINATOR).data.surveyRound;
    expect(open).toMatchObject({ status: 'OPEN', invitedCount: 2, responseCount: 1, programme: { name: expect.any(String) } });
  });

  it("executes a round's statements by their description: one statement for a page of rounds, the compiled bytes", async () => {
    const query = `query($l: ID!) { surveyRounds(localityId: $l, first: 10) { nodes { id statements { id position barrier text baselineShare baselineLabel } } } }`;
    const executed = await sendRead(api, query, { l: localityId }, tokens.COORDINATOR, false);
    expect(JSON.parse(executed.body).data.surveyRounds.nodes).toHaveLength(4);
    expect(executed.body).toBe((await sendRead(api, query, { l: localityId }, tokens.COORDINATOR, true)).body);
    const described = executed.statements.filter((sql) => sql.startsWith('select r0.id as described_parent'));
    expect(described).toHaveLength(1);
    expect(described[0]).toMatch(/from \(select s\.tenant_id, s\.id, .*\) r0/s);
  });

  it('answers the instrument to every role, its baselines as Floats and labels', async () => {
    const bodies = await check(INSTRUMENT, {}, () => true);
    const statements = JSON.parse(bodies.REPRESENTATIVE).data.healthCheckInstrument.statements;
    expect(statements.map((s: { baselineLabel: string }) => s.baselineLabel)).toContain('47 %');
  });

  it('leaves results (computed in TypeScript) and what the resolvers refuse to execution, with their answers', async () => {
    for (const roundId of roundIds) await check(RESULTS, { roundId }, () => false);
    const none = () => false;
    await check(ROUNDS, { localityId: '0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f', first: 2 }, none);
    await check(ROUNDS, { localityId, first: 2, after: 'not-a-cursor' }, none);
    const notADay = Buffer.from(JSON.stringify(['yesterday', roundIds[0]])).toString('base64url');
    await check(ROUNDS, { localityId, first: 2, after: notADay }, none);
    await check(ROUNDS, { localityId, first: 0 }, none);
    await check(ROUND_PAGE, { id: '0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f' }, none);
  });
});
