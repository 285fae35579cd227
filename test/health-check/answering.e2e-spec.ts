import { newResponseSecret } from '@joinedup/health-check';
import { RETENTION_PURGES } from '@joinedup/jobs';
import { ApiHarness, codeOf } from '../support/api-harness';
import { randomBytes } from 'node:crypto';
import {
  CHANGE,
  CLOSE_ROUND,
  InvitationLink,
  QUESTIONS,
  QUESTIONS_TO_CHANGE,
  SUBMIT,
  SurveyedPartnership,
  answersTo,
  errorOf,
  invite,
  newClientAddress,
  openRound,
  surveyedPartnership,
  utcDay,
} from './health-check-fixture';

const INVALID_LINK = { code: 'BAD_USER_INPUT', message: 'This health-check link is not valid: it may have expired or been used already.' };
const INVALID_EDIT_CODE = { code: 'BAD_USER_INPUT', message: 'This edit code is not valid: it may be mistyped, or its health check has closed.' };
const USED_LINK = {
  code: 'CONFLICT',
  message: 'This health-check link has been used already: to change your answers, use the edit code you were given when you answered.',
};

/** Each test answers from an address of its own, so the per-address limit is its own too. */
const newAddress = newClientAddress;

describe('answering a health check through a link, without signing in', () => {
  let api: ApiHarness;
  let p: SurveyedPartnership;
  let round: { id: string; statements: { id: string; position: number }[] };
  let links: InvitationLink[];
  let from: Record<string, string>;

  const publicCall = (query: string, variables: Record<string, unknown>, address = from) => api.graphql(query, variables, undefined, address);
  const submit = (token: string, answers = answersTo(round.statements), address = from) =>
    publicCall(SUBMIT, { input: { token, answers } }, address);
  /** Responses of the round, settled or still pooled. */
  const responses = async (roundId = round.id): Promise<number> =>
    (
      await api.owner.query(
        `select ((select count(*) from survey_response where round_id = $1)
              + (select count(*) from survey_response_pool where round_id = $1 and organisation_id is not null))::int as n`,
        [roundId],
      )
    )[0].n;
  /** What the worker does at a round's close (or every minute), here for every round and at once. */
  const settleAll = () => api.owner.query(`select settle_survey_responses(true)`);
  const usedTokens = async (roundId = round.id): Promise<number> =>
    (await api.owner.query(`select count(*)::int as n from survey_token where round_id = $1 and used`, [roundId]))[0].n;
  const liveTokens = async (roundId = round.id): Promise<number> =>
    (await api.owner.query(`select count(*)::int as n from survey_token where round_id = $1`, [roundId]))[0].n;
  const attemptsFrom = async (address: Record<string, string>): Promise<number> =>
    (await api.owner.query(`select attempts from survey_attempt_throttle where key = $1`, [`address:${address['x-forwarded-for']}`]))[0]
      ?.attempts ?? 0;

  beforeAll(async () => {
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback', HEALTH_CHECK_ADDRESS_LIMIT: '60' });
    p = await surveyedPartnership(api, 'hc-answer', { bodies: 2, peoplePerBody: 4 });
    round = await openRound(api, p, { title: 'Autumn check' });
    links = (await invite(api, p.coordinator, round.id)).links;
  });
  beforeEach(() => {
    from = newAddress();
  });
  afterAll(() => api.stop());

  it('shows the questions of a live link, then takes one response through it into the pool, settled with organisation, sector and day', async () => {
    const [link] = links;
    const questions = (await publicCall(QUESTIONS, { token: link.token })).data!.healthCheckQuestions;
    expect(questions).toMatchObject({ roundTitle: 'Autumn check', organisationName: link.organisation.name, opensOn: await utcDay(api) });
    expect(questions.statements.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const answers = answersTo(round.statements, (n) => (n === 4 ? 'STRONGLY_DISAGREE' : 'AGREE'));
    answers[0].comment = '  We adapt when the money follows.  ';
    const result = await submit(link.token, answers);
    expect(result.errors).toBeUndefined();
    const receipt = result.data!.submitHealthCheck;
    expect(receipt.editCode).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(receipt.closesOn).toBe(await utcDay(api, 7));

    // Pooled, not yet among the results: nothing the use of the link wrote is a response row.
    const sector = p.bodies.find((b) => b.id === link.organisation.id)!.sector;
    const [pooled] = await api.owner.query(`select organisation_id, sector, jsonb_array_length(answers) as n from survey_response_pool where round_id = $1`, [
      round.id,
    ]);
    expect(pooled).toEqual({ organisation_id: link.organisation.id, sector, n: 7 });
    expect(await api.owner.query(`select 1 from survey_response where round_id = $1`, [round.id])).toEqual([]);
    expect(await responses()).toBe(1);

    await settleAll();
    expect(await api.owner.query(`select 1 from survey_response_pool where round_id = $1`, [round.id])).toEqual([]);
    const [response] = await api.owner.query(
      `select id, organisation_id, sector, submitted_on::text = ((now() at time zone 'UTC')::date)::text as today, changed_on
         from survey_response where round_id = $1`,
      [round.id],
    );
    expect(response).toMatchObject({ organisation_id: link.organisation.id, sector, today: true, changed_on: null });
    const stored = await api.owner.query(`select answer, comment from survey_answer where response_id = $1 order by answer, comment`, [response.id]);
    expect(stored).toHaveLength(7);
    expect(stored).toContainEqual({ answer: 'STRONGLY_DISAGREE', comment: null });
    expect(stored).toContainEqual({ answer: 'AGREE', comment: 'We adapt when the money follows.' });
    expect(await liveTokens()).toBe(links.length);
    expect(await usedTokens()).toBe(1);

    // Single use; but reading the questions through a used link answers as through an unused one.
    expect((await publicCall(QUESTIONS, { token: link.token })).data!.healthCheckQuestions).toEqual(questions);
    expect(errorOf(await submit(link.token))).toEqual(USED_LINK);
    expect(await responses()).toBe(1);
  });

  it('changes answers with the edit code, replacing them all, while pooled and once settled', async () => {
    const questions = (await publicCall(QUESTIONS, { token: links[1].token })).data!.healthCheckQuestions;
    const receipt = (await submit(links[1].token)).data!.submitHealthCheck;
    const change = (answer: string) => publicCall(CHANGE, { input: { editCode: receipt.editCode, answers: answersTo(round.statements, () => answer) } });
    // The edit code gives the same questions as the link did (for the same organisation), pooled, settled or changed.
    const questionsToChange = async () => (await publicCall(QUESTIONS_TO_CHANGE, { editCode: receipt.editCode })).data?.healthCheckQuestionsToChange;
    expect(await questionsToChange()).toEqual(questions);
    const changedAnswers = async () =>
      api.owner.query(
        `select distinct a.answer from survey_answer a join survey_response r on r.id = a.response_id
          where r.round_id = $1 and r.changed_on is not null`,
        [round.id],
      );
    expect((await change('DISAGREE')).data?.changeHealthCheckAnswers).toEqual({ changedOn: await utcDay(api), closesOn: receipt.closesOn });
    await settleAll();
    expect(await changedAnswers()).toEqual([{ answer: 'DISAGREE' }]);

    // Changing a settled response pools the new answers; the response itself is not touched until they settle.
    expect((await change('STRONGLY_AGREE')).errors).toBeUndefined();
    expect(await changedAnswers()).toEqual([{ answer: 'DISAGREE' }]);
    expect(await responses()).toBe(2);
    expect(await questionsToChange()).toEqual(questions);
    await settleAll();
    expect(await changedAnswers()).toEqual([{ answer: 'STRONGLY_AGREE' }]);
    expect(await responses()).toBe(2);
    expect(await questionsToChange()).toEqual(questions);
  });

  it('refuses a bad answer set, naming the problem, and stores nothing (the link still works)', async () => {
    const link = links[2];
    const before = await responses();
    const all = answersTo(round.statements);
    const refusals = [
      { answers: all.slice(0, 6), message: /^Statement 7 \("Appropriate processes .*"\) has no answer/ },
      { answers: [...all, all[2]], message: /^Statement 3 \("Partnership activities are widely understood in my organi…"\) is answered more than once\.$/ },
      { answers: [...all.slice(1), { statementId: '2007a000-0000-4000-8000-00000000dead', answer: 'AGREE' }], message: /no statement 2007a000-.*dead/ },
      { answers: [{ ...all[0], answer: 'SOMETIMES' }, ...all.slice(1)], message: /SOMETIMES/ },
      { answers: [{ ...all[0], comment: 'x'.repeat(2001) }, ...all.slice(1)], message: /at most 2000 characters/ },
      { answers: [{ ...all[0], comment: 'nul \u0000 byte' }, ...all.slice(1)], message: /not allowed/ },
    ];
    for (const { answers, message } of refusals) {
      const result = await submit(link.token, answers);
      expect([result.errors?.[0].extensions.code, result.errors?.[0].message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(message)]);
    }
    expect(await responses()).toBe(before);
    expect((await publicCall(QUESTIONS, { token: link.token })).errors).toBeUndefined();
    expect((await submit(link.token)).errors).toBeUndefined();
  });

  it('does not take answers before the round opens, and keeps the link', async () => {
    const scheduled = await openRound(api, p, { opensOn: await utcDay(api, 3), closesOn: await utcDay(api, 10) });
    const [link] = (await invite(api, p.coordinator, scheduled.id, { organisationIds: [p.bodies[0].id] })).links;
    expect((await publicCall(QUESTIONS, { token: link.token })).data?.healthCheckQuestions.opensOn).toBe(await utcDay(api, 3));
    const early = await submit(link.token, answersTo(scheduled.statements));
    expect(early.errors?.[0]).toMatchObject({ message: expect.stringMatching(/opens on .*: your link works from then/), extensions: { code: 'CONFLICT' } });
    expect(await responses(scheduled.id)).toBe(0);
    expect(await liveTokens(scheduled.id)).toBe(p.bodies[0].people.length);
  });

  it('once the round is closed, at once, its links and edit codes get the one error and its pooled answers settle', async () => {
    const closing = await openRound(api, p, { closesOn: await utcDay(api, 20) });
    const [used, unused] = (await invite(api, p.coordinator, closing.id, { organisationIds: [p.bodies[1].id] })).links;
    const { editCode } = (await submit(used.token, answersTo(closing.statements))).data!.submitHealthCheck;
    await api.ok(CLOSE_ROUND, { id: closing.id }, p.coordinator);
    for (const token of [used.token, unused.token]) {
      expect(errorOf(await publicCall(QUESTIONS, { token }))).toEqual(INVALID_LINK);
      expect(errorOf(await submit(token, answersTo(closing.statements)))).toEqual(INVALID_LINK);
    }
    expect(errorOf(await publicCall(CHANGE, { input: { editCode, answers: answersTo(closing.statements) } }))).toEqual(INVALID_EDIT_CODE);
    expect(errorOf(await publicCall(QUESTIONS_TO_CHANGE, { editCode }))).toEqual(INVALID_EDIT_CODE);
    expect(await liveTokens(closing.id)).toBe(0);
    expect(await responses(closing.id)).toBe(1);

    // What the worker runs when it hears of the close (or within a minute): the closed round's pool settles, the open one's stays.
    const pooledElsewhere = await api.owner.query(`select count(*)::int as n from survey_response_pool where round_id <> $1`, [closing.id]);
    await api.owner.query(`select settle_survey_responses(false)`);
    expect(await api.owner.query(`select count(*)::int as n from survey_response where round_id = $1`, [closing.id])).toEqual([{ n: 1 }]);
    expect(await api.owner.query(`select count(*)::int as n from survey_response_pool where round_id <> $1`, [closing.id])).toEqual(pooledElsewhere);
  });

  it('answers unknown, used, expired and malformed links alike, each for the same try', async () => {
    const expiredRound = await openRound(api, p);
    const [expired] = (await invite(api, p.coordinator, expiredRound.id, { personIds: [p.bodies[0].people[0]] })).links;
    // Expiry is the end of the closing day; moved into the past as the owner.
    await api.owner.query(`update survey_token set expires_at = now() - interval '1 second' where round_id = $1`, [expiredRound.id]);
    // Malformed ones differ each run, so nothing of an earlier run can count.
    const run = randomBytes(8).toString('hex');
    const cases = { unknown: newResponseSecret(), expired: expired.token, short: run, wrongAlphabet: `${run}${'a'.repeat(26)}!` };
    for (const [name, token] of Object.entries(cases)) {
      const before = await attemptsFrom(from);
      expect([name, errorOf(await publicCall(QUESTIONS, { token }))]).toEqual([name, INVALID_LINK]);
      expect([name, errorOf(await submit(token))]).toEqual([name, INVALID_LINK]);
      expect([name, await attemptsFrom(from)]).toEqual([name, before + 2]);
    }
    for (const editCode of [newResponseSecret(), `not-an-edit-code-${run}`]) {
      expect(errorOf(await publicCall(CHANGE, { input: { editCode, answers: answersTo(round.statements) } }))).toEqual(INVALID_EDIT_CODE);
    }
  });

  it('keeps no throttle row per link or edit code: only client addresses are counted', async () => {
    const token = links[4].token;
    for (let i = 0; i < 12; i++) expect(codeOf(await publicCall(QUESTIONS, { token }, newAddress()))).toBeUndefined();
    const { editCode } = (await submit(token, undefined, newAddress())).data!.submitHealthCheck;
    for (let i = 0; i < 12; i++) {
      expect(codeOf(await publicCall(CHANGE, { input: { editCode, answers: answersTo(round.statements) } }, newAddress()))).toBeUndefined();
    }
    // Other public endpoints count their client addresses in the same table (`calendar-address:…`).
    expect(await api.owner.query(`select key from survey_attempt_throttle where key !~ '^([a-z]+-)?address:'`)).toEqual([]);
  });

  it('throttles one client address at 60 tries in 15 minutes, whatever the links', async () => {
    const tries = await Promise.all(Array.from({ length: 60 }, () => publicCall(QUESTIONS, { token: newResponseSecret() })));
    expect(new Set(tries.map(codeOf))).toEqual(new Set(['BAD_USER_INPUT']));
    const refused = await publicCall(QUESTIONS, { token: links[6].token });
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Too many health-check tries from your network address/),
      extensions: { code: 'FORBIDDEN' },
    });
    expect(codeOf(await submit(links[6].token))).toBe('FORBIDDEN');
    // Another address still gets in with the same link.
    expect(codeOf(await publicCall(QUESTIONS, { token: links[6].token }, newAddress()))).toBeUndefined();
  });

  it('purges throttles past their window with the retention job, keeping those still counting', async () => {
    const purge = RETENTION_PURGES.find((p) => p.name === 'health-check throttles past their window')!;
    expect(purge.olderThan(api.config)).toBe('15 minutes');
    const [old, recent] = [newAddress(), newAddress()].map((headers) => headers['x-forwarded-for']);
    await publicCall(QUESTIONS, { token: newResponseSecret() }, { 'x-forwarded-for': old });
    await publicCall(QUESTIONS, { token: newResponseSecret() }, { 'x-forwarded-for': recent });
    // An hour cannot pass in a test: the old window is back-dated as the owner.
    await api.owner.query(`update survey_attempt_throttle set window_started_at = now() - interval '61 minutes' where key = $1`, [`address:${old}`]);
    await api.owner.query(purge.sql, [purge.olderThan(api.config), 100_000]);
    const left = await api.owner.query(`select key from survey_attempt_throttle where key = any($1)`, [[`address:${old}`, `address:${recent}`]]);
    expect(left).toEqual([{ key: `address:${recent}` }]);
  });
});
