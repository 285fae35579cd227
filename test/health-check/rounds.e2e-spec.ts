import { ApiHarness, TestUser, codeOf } from '../support/api-harness';
import {
  CLOSE_ROUND,
  INVITE,
  OPEN_ROUND,
  ROUND_FIELDS,
  SurveyedPartnership,
  invite,
  openRound,
  surveyedPartnership,
  utcDay,
} from './health-check-fixture';

const ROUND = `query($id: ID!) { surveyRound(id: $id) { ${ROUND_FIELDS} } }`;
const ROUNDS = `query($localityId: ID!, $first: Int, $after: String) {
  surveyRounds(localityId: $localityId, first: $first, after: $after) { nodes { id title opensOn } pageInfo { hasNextPage endCursor } }
}`;
const LINK = /^http:\/\/127\.0\.0\.1:3000\/health-check\/start\/[A-Za-z0-9_-]{43}$/;

describe('health-check rounds and invitations', () => {
  let api: ApiHarness;
  let p: SurveyedPartnership;
  let reviewer: TestUser;
  let representative: TestUser;
  let today: string;

  const count = async (table: string, roundId: string): Promise<number> =>
    Number((await api.owner.query(`select count(*)::int as n from ${table} where round_id = $1`, [roundId]))[0].n);

  beforeAll(async () => {
    api = await ApiHarness.start();
    p = await surveyedPartnership(api, 'hc-rounds', { bodies: 3, peoplePerBody: 2 });
    reviewer = await api.newUser(p.tenant, 'REVIEWER');
    representative = await api.newUser(p.tenant, 'MEMBER_REPRESENTATIVE', p.bodies[0].id);
    today = await utcDay(api);
  });
  afterAll(() => api.stop());

  it('gives every signed-in role the built-in instrument: seven statements with their 2007 baselines', async () => {
    const { healthCheckInstrument } = await api.ok(
      `{ healthCheckInstrument { version statements { position barrier text baselineShare baselineLabel } } }`,
      {},
      representative.token,
    );
    const statements = healthCheckInstrument.statements;
    expect(statements.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(statements[0]).toMatchObject({ barrier: 'FLEXIBILITY', baselineShare: 0.47, baselineLabel: '47 %' });
    expect(statements[3]).toMatchObject({ barrier: 'CONFLICT_RESOLUTION', baselineLabel: '61 %' });
    expect(statements[5]).toMatchObject({ barrier: 'LEADERSHIP', baselineShare: 0.333, baselineLabel: '> 1/3' });
  });

  it('opens a round with its defaults, audited, and reads it back', async () => {
    const round = await openRound(api, p, { title: 'Defaults' });
    expect(round).toMatchObject({
      title: 'Defaults',
      opensOn: today,
      status: 'OPEN',
      countNeutral: false,
      minGroupSize: 5,
      invitedCount: 0,
      responseCount: 0,
      locality: { id: p.localityId },
      programme: null,
    });
    expect(round.statements).toHaveLength(7);
    const read = await api.ok(ROUND, { id: round.id }, reviewer.token);
    expect(read.surveyRound).toMatchObject({ id: round.id, title: 'Defaults' });
    const audit = await api.owner.query(`select action, entity_type from audit_event where entity_id = $1`, [round.id]);
    expect(audit).toEqual([{ action: 'survey_round.opened', entity_type: 'SURVEY_ROUND' }]);
  });

  it('refuses dates that do not make a round, and a group size outside 3–100', async () => {
    const refused = async (input: Record<string, unknown>) =>
      api.graphql(OPEN_ROUND, { input: { localityId: p.localityId, title: 'Bad', opensOn: today, closesOn: today, ...input } }, p.coordinator);

    const backwards = await refused({ opensOn: await utcDay(api, 5), closesOn: await utcDay(api, 4) });
    expect(backwards.errors?.[0]).toMatchObject({ message: 'A round cannot close before it opens.', extensions: { code: 'BAD_USER_INPUT', field: 'closesOn' } });
    const past = await refused({ opensOn: await utcDay(api, -10), closesOn: await utcDay(api, -1) });
    expect(past.errors?.[0]).toMatchObject({ message: expect.stringMatching(/in the past/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(codeOf(await refused({ closesOn: '2031-02-30' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refused({ minGroupSize: 2 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refused({ minGroupSize: 101 }))).toBe('BAD_USER_INPUT');
    // Three is the smallest group allowed.
    expect(codeOf(await refused({ minGroupSize: 3 }))).toBeUndefined();
  });

  it('takes a programme of the locality only', async () => {
    const elsewhere = await p.make.locality();
    const body = await p.make.organisation();
    await p.make.addMember(elsewhere.id, body.id);
    const foreign = await p.make.programme(elsewhere.id, [body.id]);
    const result = await api.graphql(
      OPEN_ROUND,
      { input: { localityId: p.localityId, programmeId: foreign.id, title: 'Wrong', opensOn: today, closesOn: today } },
      p.coordinator,
    );
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('is not a programme of'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('closes an open round at once (also one due to close today), its links gone; refuses one not yet open or already closed', async () => {
    const scheduled = await openRound(api, p, { opensOn: await utcDay(api, 2), closesOn: await utcDay(api, 9) });
    expect(scheduled).toMatchObject({ status: 'SCHEDULED' });
    const early = await api.graphql(CLOSE_ROUND, { id: scheduled.id }, p.coordinator);
    expect(early.errors?.[0]).toMatchObject({ message: 'A round cannot close before it opens.', extensions: { code: 'CONFLICT' } });

    const round = await openRound(api, p, { closesOn: await utcDay(api, 30) });
    await invite(api, p.coordinator, round.id, { organisationIds: [p.bodies[0].id] });
    const closed = (await api.ok(CLOSE_ROUND, { id: round.id }, p.coordinator)).closeSurveyRound;
    expect(closed).toEqual({ id: round.id, closesOn: today, status: 'CLOSED' });
    expect((await api.ok(ROUND, { id: round.id }, p.coordinator)).surveyRound).toMatchObject({ status: 'CLOSED', invitedCount: 2 });
    expect(await count('survey_token', round.id)).toBe(0);
    const again = await api.graphql(CLOSE_ROUND, { id: round.id }, p.coordinator);
    expect(again.errors?.[0]).toMatchObject({ message: `This round is already closed: it closed on ${today}.`, extensions: { code: 'CONFLICT' } });
    const [event] = await api.owner.query(`select payload from outbox_event where type = 'healthcheck.round_closed' and payload->>'roundId' = $1`, [round.id]);
    expect(event.payload).toEqual({ roundId: round.id });

    const dueToday = await openRound(api, p, { closesOn: today });
    expect((await api.ok(CLOSE_ROUND, { id: dueToday.id }, p.coordinator)).closeSurveyRound).toEqual({ id: dueToday.id, closesOn: today, status: 'CLOSED' });
    const late = await api.graphql(INVITE, { input: { roundId: round.id } }, p.coordinator);
    expect(late.errors?.[0]).toMatchObject({ message: expect.stringMatching(/closed on .* no more invitations/), extensions: { code: 'CONFLICT' } });
    const audit = await api.owner.query(`select action from audit_event where entity_id = $1 order by occurred_at`, [round.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['survey_round.opened', 'survey_round.invited', 'survey_round.closed']);
  });

  it('invites everyone of the member bodies, once: links shown once, invitations and tokens stored apart, an event queued', async () => {
    const outsider = await p.make.organisation();
    await p.make.person(outsider.id);
    const round = await openRound(api, p);

    const first = await invite(api, p.coordinator, round.id);
    const everyone = p.bodies.flatMap((b) => b.people).sort();
    expect(first.invited).toBe(6);
    expect(first.alreadyInvited).toBe(0);
    expect(first.links.map((l) => l.person.id).sort()).toEqual(everyone);
    for (const link of first.links) {
      expect(link.link).toMatch(LINK);
      expect(link.link.endsWith(link.token)).toBe(true);
    }
    expect(await count('survey_invitation', round.id)).toBe(6);
    const tokens = await api.owner.query(`select organisation_id, sector from survey_token where round_id = $1`, [round.id]);
    expect(tokens).toHaveLength(6);
    expect(tokens.filter((t: { organisation_id: string }) => t.organisation_id === p.bodies[1].id)).toEqual([
      { organisation_id: p.bodies[1].id, sector: 'HEALTH' },
      { organisation_id: p.bodies[1].id, sector: 'HEALTH' },
    ]);
    const [event] = await api.owner.query(`select payload from outbox_event where type = 'healthcheck.invitations_created' and payload->>'roundId' = $1`, [round.id]);
    // Ids of the invitations, never a link or a person.
    const invitationIds = await api.owner.query(`select id from survey_invitation where round_id = $1 order by id`, [round.id]);
    expect(event.payload).toEqual({ roundId: round.id, invitationIds: invitationIds.map((i: { id: string }) => i.id) });
    const audit = await api.owner.query(`select after from audit_event where entity_id = $1 and action = 'survey_round.invited'`, [round.id]);
    expect(audit).toEqual([{ after: { invited: 6, alreadyInvited: 0, emailed: 0, emailSkipped: 0 } }]);

    const second = await invite(api, p.coordinator, round.id);
    expect(second).toEqual({ invited: 0, alreadyInvited: 6, links: [] });
    expect((await api.ok(ROUND, { id: round.id }, p.coordinator)).surveyRound.invitedCount).toBe(6);
  });

  it('invites chosen bodies and people, skipping those invited before', async () => {
    const round = await openRound(api, p);
    const [one, two] = p.bodies;
    const byBody = await invite(api, p.coordinator, round.id, { organisationIds: [one.id] });
    expect(byBody.links.map((l) => l.person.id).sort()).toEqual([...one.people].sort());
    expect(byBody.links.every((l) => l.organisation.id === one.id)).toBe(true);

    const mixed = await invite(api, p.coordinator, round.id, { organisationIds: [one.id], personIds: [two.people[0]] });
    expect(mixed).toMatchObject({ invited: 1, alreadyInvited: 2 });
    expect(mixed.links[0].person.id).toBe(two.people[0]);
    expect(await count('survey_invitation', round.id)).toBe(3);
  });

  it('refuses bodies and people outside the round’s scope, naming them, and stores nothing', async () => {
    const round = await openRound(api, p);
    const stranger = await p.make.organisation('POLICE', `Outside Constabulary ${Date.now()}`);
    const strangerPerson = await p.make.person(stranger.id, 'Olive Outsider');

    const byBody = await api.graphql(INVITE, { input: { roundId: round.id, organisationIds: [p.bodies[0].id, stranger.id] } }, p.coordinator);
    expect(byBody.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'organisationIds' } });
    expect(byBody.errors?.[0].message).toContain(stranger.name);
    const byPerson = await api.graphql(INVITE, { input: { roundId: round.id, personIds: [strangerPerson.id] } }, p.coordinator);
    expect(byPerson.errors?.[0]).toMatchObject({ message: expect.stringContaining('Olive Outsider'), extensions: { code: 'BAD_USER_INPUT', field: 'personIds' } });
    const none = await api.graphql(INVITE, { input: { roundId: round.id, personIds: [] } }, p.coordinator);
    expect(codeOf(none)).toBe('BAD_USER_INPUT');
    expect(await count('survey_invitation', round.id)).toBe(0);
    expect(await count('survey_token', round.id)).toBe(0);
  });

  it('invites the bodies taking part in the programme of a programme round', async () => {
    const [one, two, three] = p.bodies;
    const programme = await p.make.programme(p.localityId, [one.id, two.id]);
    const round = await openRound(api, p, { programmeId: programme.id });
    expect(round).toMatchObject({ programme: { id: programme.id } });
    const all = await invite(api, p.coordinator, round.id);
    expect(all.links.map((l) => l.person.id).sort()).toEqual([...one.people, ...two.people].sort());
    const outside = await api.graphql(INVITE, { input: { roundId: round.id, organisationIds: [three.id] } }, p.coordinator);
    expect(outside.errors?.[0]).toMatchObject({ message: expect.stringContaining(`taking part in ${programme.name}`) });
  });

  it('invites at most 1000 people per call', async () => {
    const big = await p.make.organisation('HOUSING');
    await p.make.addMember(p.localityId, big.id);
    // 1001 people through the API would take the test's whole budget: made as the owner.
    await api.owner.query(
      `insert into person (tenant_id, organisation_id, full_name) select $1, $2, 'Tenant ' || n from generate_series(1, 1001) n`,
      [p.tenant.id, big.id],
    );
    const round = await openRound(api, p);
    const tooMany = await api.graphql(INVITE, { input: { roundId: round.id, organisationIds: [big.id] } }, p.coordinator);
    expect(tooMany.errors?.[0]).toMatchObject({ message: expect.stringMatching(/1001 people.*at most 1000/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(await count('survey_invitation', round.id)).toBe(0);
    await api.owner.query(`delete from person where organisation_id = $1 and full_name = 'Tenant 1001'`, [big.id]);
    const exactly = await invite(api, p.coordinator, round.id, { organisationIds: [big.id] });
    expect(exactly.invited).toBe(1000);
    expect(await count('survey_token', round.id)).toBe(1000);
    await api.owner.query(`update membership set left_on = current_date where organisation_id = $1`, [big.id]);
  });

  it('lists a locality’s rounds newest first, a page at a time', async () => {
    const locality = await p.make.locality();
    const body = await p.make.organisation();
    await p.make.addMember(locality.id, body.id);
    const scope = { ...p, localityId: locality.id };
    const older = await openRound(api, scope, { title: 'Older' });
    const newer = await openRound(api, scope, { title: 'Newer', opensOn: await utcDay(api, 3), closesOn: await utcDay(api, 10) });
    const page1 = (await api.ok(ROUNDS, { localityId: locality.id, first: 1 }, reviewer.token)).surveyRounds;
    expect(page1.nodes.map((n: { id: string }) => n.id)).toEqual([newer.id]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await api.ok(ROUNDS, { localityId: locality.id, first: 1, after: page1.pageInfo.endCursor }, reviewer.token)).surveyRounds;
    expect(page2.nodes.map((n: { id: string }) => n.id)).toEqual([older.id]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(codeOf(await api.graphql(ROUNDS, { localityId: locality.id, after: 'bm90LWEtY3Vyc29y' }, reviewer.token))).toBe('BAD_USER_INPUT');
  });

  it('lets only coordinators and tenant admins change rounds; representatives read none', async () => {
    const round = await openRound(api, p);
    const input = { localityId: p.localityId, title: 'Not mine', opensOn: today, closesOn: today };
    for (const user of [reviewer, representative]) {
      expect(codeOf(await api.graphql(OPEN_ROUND, { input }, user.token))).toBe('FORBIDDEN');
      expect(codeOf(await api.graphql(CLOSE_ROUND, { id: round.id }, user.token))).toBe('FORBIDDEN');
      expect(codeOf(await api.graphql(INVITE, { input: { roundId: round.id } }, user.token))).toBe('FORBIDDEN');
    }
    expect(codeOf(await api.graphql(ROUND, { id: round.id }, representative.token))).toBe('FORBIDDEN');
    expect(codeOf(await api.graphql(ROUNDS, { localityId: p.localityId }, representative.token))).toBe('FORBIDDEN');
    expect(await count('survey_invitation', round.id)).toBe(0);
    // A tenant administrator may do what a coordinator does.
    const opened = await api.ok(OPEN_ROUND, { input }, p.tenant.adminToken);
    expect(opened.openSurveyRound.status).toBe('OPEN');
  });
});
