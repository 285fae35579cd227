import { newResponseSecret } from '@joinedup/health-check';
import { RETENTION_PURGES } from '@joinedup/jobs';
import { ApiHarness, codeOf } from '../support/api-harness';
import { randomBytes } from 'node:crypto';
import {
  CHANGE,
  CLOSE_ROUND,
  InvitationLink,
  QUESTIONS,
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
  const responses = async (roundId = round.id): Promise<number> =>
    (await api.owner.query(`select count(*)::int as n from survey_response where round_id = $1`, [roundId]))[0].n;
  const liveTokens = async (roundId = round.id): Promise<number> =>
    (await api.owner.query(`select count(*)::int as n from survey_token where round_id = $1`, [roundId]))[0].n;
  const attemptsFrom = async (address: Record<string, string>): Promise<number> =>
    (await api.owner.query(`select attempts from survey_attempt_throttle where key = $1`, [`address:${address['x-forwarded-for']}`]))[0]
      ?.attempts ?? 0;

  beforeAll(async () => {
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback' });
    p = await surveyedPartnership(api, 'hc-answer', { bodies: 2, peoplePerBody: 4 });
    round = await openRound(api, p, { title: 'Autumn check' });
    links = (await invite(api, p.coordinator, round.id)).links;
  });
  beforeEach(() => {
    from = newAddress();
  });
  afterAll(() => api.stop());

  it('shows the questions of a live link, then takes one response through it: organisation, sector and day kept, the link gone', async () => {
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

    const [response] = await api.owner.query(
      `select id, organisation_id, sector, submitted_on::text = ((now() at time zone 'UTC')::date)::text as today, changed_on
         from survey_response where round_id = $1`,
      [round.id],
    );
    const sector = p.bodies.find((b) => b.id === link.organisation.id)!.sector;
    expect(response).toMatchObject({ organisation_id: link.organisation.id, sector, today: true, changed_on: null });
    const stored = await api.owner.query(`select answer, comment from survey_answer where response_id = $1 order by answer, comment`, [response.id]);
    expect(stored).toHaveLength(7);
    expect(stored).toContainEqual({ answer: 'STRONGLY_DISAGREE', comment: null });
    expect(stored).toContainEqual({ answer: 'AGREE', comment: 'We adapt when the money follows.' });
    expect(await liveTokens()).toBe(links.length - 1);

    // Single use: the same link again, for answering or reading, is the one error.
    expect(errorOf(await submit(link.token))).toEqual(INVALID_LINK);
    expect(errorOf(await publicCall(QUESTIONS, { token: link.token }))).toEqual(INVALID_LINK);
    expect(await responses()).toBe(1);
  });

  it('changes answers with the edit code, replacing them all', async () => {
    const receipt = (await submit(links[1].token)).data!.submitHealthCheck;
    const changed = await publicCall(CHANGE, { input: { editCode: receipt.editCode, answers: answersTo(round.statements, () => 'DISAGREE') } });
    expect(changed.data?.changeHealthCheckAnswers).toEqual({ changedOn: await utcDay(api), closesOn: receipt.closesOn });
    const stored = await api.owner.query(
      `select distinct a.answer from survey_answer a join survey_response r on r.id = a.response_id
        where r.round_id = $1 and r.changed_on is not null`,
      [round.id],
    );
    expect(stored).toEqual([{ answer: 'DISAGREE' }]);
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

  it('after the round closes, its links and edit codes get the one error', async () => {
    const closing = await openRound(api, p, { closesOn: await utcDay(api, 20) });
    const [used, unused] = (await invite(api, p.coordinator, closing.id, { organisationIds: [p.bodies[1].id] })).links;
    const { editCode } = (await submit(used.token, answersTo(closing.statements))).data!.submitHealthCheck;
    await api.ok(CLOSE_ROUND, { id: closing.id }, p.coordinator);
    // Closed today, the round still takes changes until midnight UTC.
    expect((await publicCall(CHANGE, { input: { editCode, answers: answersTo(closing.statements) } })).errors).toBeUndefined();

    // The day after cannot be reached through the API: the close is back-dated as the owner, as the end of the day would.
    const yesterday = await utcDay(api, -1);
    await api.owner.query(`update survey_round set opens_on = $2, closes_on = $2 where id = $1`, [closing.id, yesterday]);
    await api.owner.query(`update survey_token set expires_at = ($2::date + 1)::timestamp at time zone 'UTC' where round_id = $1`, [
      closing.id,
      yesterday,
    ]);
    expect(errorOf(await publicCall(QUESTIONS, { token: unused.token }))).toEqual(INVALID_LINK);
    expect(errorOf(await submit(unused.token, answersTo(closing.statements)))).toEqual(INVALID_LINK);
    expect(errorOf(await publicCall(CHANGE, { input: { editCode, answers: answersTo(closing.statements) } }))).toEqual(INVALID_EDIT_CODE);
    expect(await responses(closing.id)).toBe(1);
  });

  it('answers unknown, used, expired and malformed links alike, each for the same try', async () => {
    const expiredRound = await openRound(api, p);
    const [expired] = (await invite(api, p.coordinator, expiredRound.id, { personIds: [p.bodies[0].people[0]] })).links;
    // Expiry is the end of the closing day; moved into the past as the owner.
    await api.owner.query(`update survey_token set expires_at = now() - interval '1 second' where round_id = $1`, [expiredRound.id]);
    const used = links[3].token;
    await submit(used);

    // Malformed ones differ each run: a fixed one would use up its own ten tries an hour across runs.
    const run = randomBytes(8).toString('hex');
    const cases = { unknown: newResponseSecret(), used, expired: expired.token, short: run, wrongAlphabet: `${run}${'a'.repeat(26)}!` };
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

  it('throttles one link at 10 tries an hour, wherever they come from', async () => {
    const token = links[4].token;
    for (let i = 0; i < 10; i++) expect(codeOf(await publicCall(QUESTIONS, { token }, newAddress()))).toBeUndefined();
    const refused = await publicCall(QUESTIONS, { token }, newAddress());
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Too many tries with this link/), extensions: { code: 'FORBIDDEN' } });
    expect(codeOf(await submit(token, undefined, newAddress()))).toBe('FORBIDDEN');
    expect(await liveTokens()).toBeGreaterThan(0);
    expect(codeOf(await publicCall(QUESTIONS, { token: links[5].token }, newAddress()))).toBeUndefined();
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
    expect(purge.olderThan(api.config)).toBe('60 minutes');
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
