import { randomUUID } from 'node:crypto';
import { ApiHarness, GraphQLResult } from '../support/api-harness';
import {
  CHANGE,
  CLOSE_ROUND,
  INVITE,
  OPEN_ROUND,
  QUESTIONS,
  SUBMIT,
  SurveyedPartnership,
  answersTo,
  invite,
  newClientAddress,
  openRound,
  surveyedPartnership,
  utcDay,
} from './health-check-fixture';

interface Probe {
  name: string;
  query: string;
  variables: (id: string) => Record<string, unknown>;
}

describe('health-check isolation between tenants', () => {
  let api: ApiHarness;
  let a: SurveyedPartnership;
  let b: SurveyedPartnership;
  let aRound: { id: string; statements: { id: string; position: number }[] };
  let bRound: { id: string; statements: { id: string; position: number }[] };
  let aProgrammeId: string;
  let today: string;

  const answersOf = async (roundId: string): Promise<string[]> =>
    (
      await api.owner.query(
        `select a.answer from survey_answer a join survey_response r on r.tenant_id = a.tenant_id and r.id = a.response_id
          where r.round_id = $1 order by a.answer`,
        [roundId],
      )
    ).map((r: { answer: string }) => r.answer);

  beforeAll(async () => {
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback' });
    a = await surveyedPartnership(api, 'hciso-a', { bodies: 2, peoplePerBody: 1 });
    b = await surveyedPartnership(api, 'hciso-b', { bodies: 2, peoplePerBody: 1 });
    today = await utcDay(api);
    aProgrammeId = (await a.make.programme(a.localityId, [a.bodies[0].id])).id;
    aRound = await openRound(api, a, { title: 'A only' });
    bRound = await openRound(api, b, { title: 'B only' });
  });
  afterAll(() => api.stop());

  const probes: Probe[] = [
    { name: 'surveyRound', query: `query($id: ID!) { surveyRound(id: $id) { id title } }`, variables: (id) => ({ id }) },
    {
      name: 'surveyRounds',
      query: `query($id: ID!) { surveyRounds(localityId: $id) { nodes { id } } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'openSurveyRound (locality)',
      query: `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`,
      variables: (id) => ({ input: { localityId: id, title: 'Probe', opensOn: today, closesOn: today } }),
    },
    { name: 'closeSurveyRound', query: CLOSE_ROUND, variables: (id) => ({ id }) },
    { name: 'inviteToSurveyRound', query: INVITE, variables: (id) => ({ input: { roundId: id } }) },
  ];
  const targets: Record<string, () => string> = {
    surveyRound: () => aRound.id,
    surveyRounds: () => a.localityId,
    'openSurveyRound (locality)': () => a.localityId,
    closeSurveyRound: () => aRound.id,
    inviteToSurveyRound: () => aRound.id,
  };

  it.each(probes.map((probe) => [probe.name, probe] as const))('%s: another tenant’s record is NOT_FOUND, like an unknown id', async (_name, probe) => {
    const theirs = await api.graphql(probe.query, probe.variables(targets[probe.name]()), b.coordinator);
    const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), b.coordinator);
    const shape = (r: GraphQLResult) => ({ code: r.errors?.[0]?.extensions.code, message: r.errors?.[0]?.message });
    expect(shape(theirs)).toEqual(shape(unknown));
    expect(shape(theirs).code).toBe('NOT_FOUND');
    expect(JSON.stringify(theirs)).not.toContain('A only');
  });

  it('openSurveyRound with another tenant’s programme is NOT_FOUND', async () => {
    const result = await api.graphql(
      OPEN_ROUND,
      { input: { localityId: b.localityId, programmeId: aProgrammeId, title: 'Probe', opensOn: today, closesOn: today } },
      b.coordinator,
    );
    expect(result.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('inviting another tenant’s bodies or people names nothing of them', async () => {
    for (const chosen of [{ organisationIds: [a.bodies[0].id] }, { personIds: [a.bodies[0].people[0]] }]) {
      const result = await api.graphql(INVITE, { input: { roundId: bRound.id, ...chosen } }, b.coordinator);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/unknown (organisation|person) [0-9a-f-]{36}/);
      expect(result.errors?.[0].message).not.toContain(a.bodies[0].name);
    }
    expect((await api.owner.query(`select count(*)::int as n from survey_invitation where round_id = $1`, [bRound.id]))[0].n).toBe(0);
  });

  it('a link or edit code of one tenant reaches only that tenant’s round', async () => {
    const from = newClientAddress();
    const publicCall = async (query: string, variables: Record<string, unknown>) => {
      const result = await api.graphql(query, variables, undefined, from);
      return { result, data: result.data as Record<string, any> };
    };
    const [aLink] = (await invite(api, a.coordinator, aRound.id)).links;
    const [bLink] = (await invite(api, b.coordinator, bRound.id)).links;
    expect((await publicCall(QUESTIONS, { token: aLink.token })).data.healthCheckQuestions.roundTitle).toBe('A only');

    const bReceipt = (await publicCall(SUBMIT, { input: { token: bLink.token, answers: answersTo(bRound.statements, () => 'AGREE') } })).data
      .submitHealthCheck;
    // A's link with B's statements: B's statements are not in A's round.
    const { result: crossed } = await publicCall(SUBMIT, { input: { token: aLink.token, answers: answersTo(bRound.statements.slice(0, 1)) } });
    expect(crossed.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const aReceipt = (await publicCall(SUBMIT, { input: { token: aLink.token, answers: answersTo(aRound.statements, () => 'DISAGREE') } })).data
      .submitHealthCheck;
    const changed = await publicCall(CHANGE, { input: { editCode: aReceipt.editCode, answers: answersTo(aRound.statements, () => 'NEUTRAL') } });
    expect(changed.result.errors).toBeUndefined();
    const pooled = await api.owner.query(`select distinct tenant_id from survey_response_pool where round_id = $1`, [aRound.id]);
    expect(pooled).toEqual([{ tenant_id: a.tenant.id }]);

    // As the worker settles pooled answers (at a round's close, or once a round holds its minimum group), here at once.
    await api.owner.query(`select settle_survey_responses(true)`);
    expect(await answersOf(aRound.id)).toEqual(Array(7).fill('NEUTRAL'));
    expect(await answersOf(bRound.id)).toEqual(Array(7).fill('AGREE'));
    expect(bReceipt.editCode).not.toBe(aReceipt.editCode);
    const tenants = await api.owner.query(`select distinct tenant_id from survey_response where round_id = $1`, [aRound.id]);
    expect(tenants).toEqual([{ tenant_id: a.tenant.id }]);
  });
});
