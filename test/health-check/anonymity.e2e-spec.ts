import { INestApplicationContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { HealthCheckInvitationsSubscriber, InvitationBatch, InvitationSender } from '@joinedup/health-check';
import { DomainEventJob, DomainEventSubscribers, QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness } from '../support/api-harness';
import { runQueueStoresText } from '../support/queue-store-text';
import { eventually } from '../support/eventually';
import {
  CHANGE,
  CLOSE_ROUND,
  InvitationLink,
  QUESTIONS,
  SUBMIT,
  SurveyedPartnership,
  answersTo,
  invite,
  newClientAddress,
  openRound,
  surveyedPartnership,
} from './health-check-fixture';
import { testQueuePrefix } from '../support/queue-prefix';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface IntrospectedType {
  name: string;
  fields: { name: string; type: TypeRef }[] | null;
}

const TYPE_REF = `kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;
const INTROSPECTION = `{ __schema {
  queryType { fields { name type { ${TYPE_REF} } } }
  mutationType { fields { name type { ${TYPE_REF} } } }
  types { name fields { name type { ${TYPE_REF} } } }
} }`;
const named = (type: TypeRef): string => (type.ofType ? named(type.ofType) : type.name!);

/** What a response or answer must never lead to, in the schema and in the tables. */
const PERSON_TYPES = ['Person', 'PersonConnection', 'User', 'SurveyInvitations', 'SurveyInvitationLink'];
const PERSON_FIELD = /^(person|people|respondent|email|user|invitation|token)/i;
const PERSON_TABLES = ['person', 'survey_invitation', 'app_user', 'auth_session'];

const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

describe('health-check anonymity: nothing ties a response to a person', () => {
  let api: ApiHarness;
  let p: SurveyedPartnership;
  let round: { id: string; statements: { id: string; position: number }[] };
  let links: InvitationLink[];

  beforeAll(async () => {
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback' });
    p = await surveyedPartnership(api, 'hc-anon', { bodies: 2, peoplePerBody: 5 });
    round = await openRound(api, p);
    links = (await invite(api, p.coordinator, round.id)).links;
  });
  afterAll(() => api.stop());

  it('schema: no type reachable from the health check’s questions, answers, rounds or results exposes a person or invitation', async () => {
    const schema = (await api.ok(INTROSPECTION, {}, p.coordinator)).__schema;
    const types = new Map<string, IntrospectedType>(schema.types.map((t: IntrospectedType) => [t.name, t]));
    const ownType = (name: string) => /^(HealthCheck|Survey)/.test(name);
    const roots = [
      ...schema.queryType.fields.filter((f: { name: string }) => /^(healthCheck|surveyRound)/.test(f.name)),
      ...schema.mutationType.fields.filter((f: { name: string }) => ['submitHealthCheck', 'changeHealthCheckAnswers', 'openSurveyRound', 'closeSurveyRound'].includes(f.name)),
    ];
    const visited = new Set<string>();
    const leaks: string[] = [];
    const queue = roots.map((f: { type: TypeRef }) => named(f.type));
    while (queue.length) {
      const name = queue.shift()!;
      if (visited.has(name)) continue;
      visited.add(name);
      // Registry types (Locality, Organisation, Programme…) are the partnership's records, not response data: not walked.
      if (!ownType(name)) continue;
      for (const field of types.get(name)?.fields ?? []) {
        const target = named(field.type);
        if (PERSON_TYPES.includes(target) || PERSON_FIELD.test(field.name)) leaks.push(`${name}.${field.name}: ${target}`);
        queue.push(target);
      }
    }
    expect(leaks).toEqual([]);
    // The walk covered the respondent's and the readers' types.
    expect([...visited]).toEqual(
      expect.arrayContaining(['HealthCheckQuestions', 'HealthCheckQuestion', 'HealthCheckReceipt', 'HealthCheckAnswersChanged', 'SurveyRound', 'SurveyStatement']),
    );
  });

  it('tables: responses and answers have no person column, no instant, and no foreign-key path to a person or invitation', async () => {
    const columns: { table_name: string; column_name: string; data_type: string }[] = await api.owner.query(
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and table_name in ('survey_response', 'survey_answer', 'survey_response_pool', 'survey_token')`,
    );
    const of = (table: string) => columns.filter((c) => c.table_name === table);
    for (const table of ['survey_response', 'survey_answer', 'survey_response_pool']) {
      expect(of(table).length).toBeGreaterThan(3);
      expect(of(table).filter((c) => /person|user|invitation|token|email|address/.test(c.column_name))).toEqual([]);
      expect(of(table).filter((c) => c.data_type.startsWith('timestamp'))).toEqual([]);
    }
    expect(of('survey_token').map((c) => c.column_name).sort()).toEqual(
      ['expires_at', 'organisation_id', 'round_id', 'sector', 'tenant_id', 'token_hash', 'used'].sort(),
    );

    const keys: { from_table: string; to_table: string }[] = await api.owner.query(
      `select c.conrelid::regclass::text as from_table, c.confrelid::regclass::text as to_table
         from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    const reachable = new Set<string>();
    const queue = ['survey_response', 'survey_answer', 'survey_response_pool', 'survey_token'];
    while (queue.length) {
      const table = queue.shift()!;
      if (reachable.has(table)) continue;
      reachable.add(table);
      queue.push(...keys.filter((k) => k.from_table === table).map((k) => k.to_table));
    }
    expect([...reachable]).toEqual(expect.arrayContaining(['survey_round', 'organisation', 'locality']));
    expect(PERSON_TABLES.filter((t) => reachable.has(t))).toEqual([]);
  });

  it('a used link answers the questions as an unused one, and nothing of it is kept with the pooled response', async () => {
    const [link, unused] = links;
    const hash = sha256(link.token);
    const questions = async (token: string) => (await api.graphql(QUESTIONS, { token }, undefined, newClientAddress())).data?.healthCheckQuestions;
    const before = await questions(link.token);
    const result = await api.graphql(SUBMIT, { input: { token: link.token, answers: answersTo(round.statements) } }, undefined, newClientAddress());
    expect(result.errors).toBeUndefined();
    expect(await questions(link.token)).toEqual(before);
    expect(await questions(link.token)).toEqual(await questions(unused.token));
    const [dump] = await api.owner.query(
      `select (select string_agg(p::text, '|') from survey_response_pool p where p.round_id = $1) as pooled,
              (select string_agg(a::text, '|') from audit_event a where a.tenant_id = $2) as audit,
              (select string_agg(o::text, '|') from outbox_event o where o.tenant_id = $2) as outbox`,
      [round.id, p.tenant.id],
    );
    expect(dump.pooled).toBeTruthy();
    for (const trace of [hash, link.token, link.person.id]) expect(dump.pooled).not.toContain(trace);
    for (const trace of [hash, link.token, link.link]) {
      expect(dump.audit).not.toContain(trace);
      expect(dump.outbox).not.toContain(trace);
    }
  });

  it('tokens are stored in an order unrelated to the invitations', async () => {
    const byHash = new Map(links.map((l) => [sha256(l.token), l.person.id]));
    const tokens: { hash: string }[] = await api.owner.query(
      `select encode(token_hash, 'hex') as hash from survey_token where round_id = $1 and not used order by ctid`,
      [round.id],
    );
    const invitations: { person_id: string }[] = await api.owner.query(
      `select person_id from survey_invitation where round_id = $1 order by ctid`,
      [round.id],
    );
    const stored = tokens.map((t) => t.hash).filter((h) => byHash.has(h));
    expect(stored.length).toBeGreaterThanOrEqual(8);
    expect(stored).toEqual([...stored].sort());
    const invitedInTokenOrder = stored.map((h) => byHash.get(h));
    const invitedInOrder = invitations.map((i) => i.person_id).filter((id) => invitedInTokenOrder.includes(id));
    // Ten people: the chance that hash order matches invitation order is 1 in 10! (or 9!).
    expect(invitedInTokenOrder).not.toEqual(invitedInOrder);
  });

  it('the invitation event names the invitations, and the worker hands their ids (never a link) to the sender', async () => {
    const [event] = await api.owner.query(
      `select id, payload, created_at from outbox_event where type = 'healthcheck.invitations_created' and payload->>'roundId' = $1`,
      [round.id],
    );
    const invitations = await api.owner.query(`select id from survey_invitation where round_id = $1 order by id`, [round.id]);
    expect(event.payload).toEqual({ roundId: round.id, invitationIds: invitations.map((i: { id: string }) => i.id) });

    const sent: InvitationBatch[] = [];
    const sender: InvitationSender = { send: async (batch) => void sent.push(batch) };
    const subscribers = new DomainEventSubscribers();
    new HealthCheckInvitationsSubscriber(subscribers, sender).onModuleInit();
    const job: DomainEventJob = {
      tenantId: p.tenant.id,
      eventId: event.id,
      type: 'healthcheck.invitations_created',
      payload: event.payload,
      occurredAt: event.created_at.toISOString(),
    };
    const db = api.app.get(TenantDb);
    // As the worker delivers an event: each subscriber in a transaction of the event's tenant.
    for (const handler of subscribers.handlersFor(job.type)) await db.run({ tenantId: job.tenantId }, () => handler(job));
    expect(sent).toEqual([{ tenantId: p.tenant.id, roundId: round.id, invitationIds: event.payload.invitationIds }]);
  });
});

/** A heap tuple as pageinspect reads it: live or dead, with its transaction ids and raw data (hex). */
interface Tuple {
  relation: string;
  block: number;
  lp: number;
  xmin: string;
  xmax: string;
  data: string;
}

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');
const uuidHex = (id: string): string => id.replace(/-/g, '');

/**
 * After a round, everything stored is read as the superuser: the survey tables row by row
 * and page by page (dead row versions too, with pageinspect), the throttle, the outbox, the
 * audit, the queue store's data and both processes' logs. Nothing may tie a response to a
 * person, a link, an address or an instant.
 */
describe('health-check anonymity at rest: nothing stored joins a response to a link, a person or an address', () => {
  const prefix = testQueuePrefix('hc');
  const log: string[] = [];
  const destination = { write: (line: string) => void log.push(line) };
  const settings = (): Record<string, string> => ({
    ...(process.env as Record<string, string>),
    QUEUE_PREFIX: prefix,
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'debug',
  });
  let api: ApiHarness;
  let worker: INestApplicationContext | undefined;
  let inspector: QueueFactory;
  let p: SurveyedPartnership;
  let round: { id: string; statements: { id: string; position: number }[] };
  let links: InvitationLink[];
  /** What each respondent sent and was given, in the order they answered. */
  const respondents: { link: InvitationLink; address: string; editCode: string; comment: string; pattern: string }[] = [];
  const SCALE = ['STRONGLY_DISAGREE', 'DISAGREE', 'NEUTRAL', 'AGREE', 'STRONGLY_AGREE'];
  const RESPONDENTS = 8;
  /** The transaction ids that used the links, read while their token rows are live (dead versions may be pruned later). */
  let useXids: string[];

  /**
   * Every tuple, live or dead, of `relation` (all its pages). An xmax that is a MultiXactId (a
   * number of another series, from shared row locks) or marked invalid reads '0'.
   */
  async function tuples(relation: string): Promise<Tuple[]> {
    return api.owner.query(
      `select $1::text as relation, b.n as block, h.lp, h.t_xmin::text as xmin,
              case when h.t_infomask & (x'1000'::int | x'0800'::int) = 0 then h.t_xmax::text else '0' end as xmax,
              encode(h.t_data, 'hex') as data
         from generate_series(0, (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int - 1) b(n)
         cross join lateral heap_page_items(get_raw_page($1::text, b.n::int)) h
        where h.t_data is not null`,
      [relation],
    );
  }

  beforeAll(async () => {
    api = await ApiHarness.start(settings(), { logDestination: destination });
    inspector = new QueueFactory(queueStoreFor(api.config));
    p = await surveyedPartnership(api, 'hc-at-rest', { bodies: 3, peoplePerBody: 4, sectors: ['LOCAL_AUTHORITY', 'HEALTH', 'POLICE'] });
    // A minimum group larger than the respondents: the round is due only once closed. The test files share one
    // database, and any worker's settle (its timer, another round's close) settles every tenant's due answers,
    // so with a smaller minimum it could settle part of this round among the answers (a batch boundary, not a leak).
    round = await openRound(api, p, { minGroupSize: RESPONDENTS + 1 });
    links = (await invite(api, p.coordinator, round.id)).links;
    const run = randomUUID().slice(0, 8);
    // Respondents answer in an order of their own; each answer set is one only the test can tell apart.
    for (let i = 0; i < RESPONDENTS; i++) {
      const link = links[(i * 5) % links.length];
      const headers = newClientAddress();
      const comment = `comment ${run} of respondent ${i}`;
      const answers = answersTo(round.statements, (n) => SCALE[(i + n * (1 + (i % 3))) % SCALE.length]);
      answers[1].comment = comment;
      const result = await api.graphql(SUBMIT, { input: { token: link.token, answers } }, undefined, headers);
      expect(result.errors).toBeUndefined();
      respondents.push({
        link,
        address: headers['x-forwarded-for'],
        editCode: result.data!.submitHealthCheck.editCode,
        comment,
        pattern: answers.map((a) => a.answer).join(','),
      });
    }
    // Two change their answers (same answers, to keep the patterns), one of them twice.
    for (const r of [respondents[2], respondents[5], respondents[2]]) {
      const answers = r.pattern.split(',').map((answer, n) => ({ statementId: round.statements[n].id, answer, ...(n === 1 ? { comment: r.comment } : {}) }));
      expect((await api.graphql(CHANGE, { input: { editCode: r.editCode, answers } }, undefined, { 'x-forwarded-for': r.address })).errors).toBeUndefined();
    }
    useXids = (await api.owner.query(`select xmin::text as x from survey_token where round_id = $1 and used`, [round.id])).map(
      (r: { x: string }) => r.x,
    );
    // The worker starts once everyone has answered, and settles the round on its close.
    worker = (await createWorkerApp(loadConfig({ ...settings(), LOG_LEVEL: 'debug' }), { logDestination: destination })).app;
    await worker.init();
    await api.ok(CLOSE_ROUND, { id: round.id }, p.coordinator);
    const settled = await eventually(
      async () => (await api.owner.query(`select count(*)::int as n from survey_response where round_id = $1`, [round.id]))[0].n === RESPONDENTS,
    );
    expect(settled).toBe(true);
    // And the invitation event was queued (by this file's relay or another's: the outbox is shared).
    await eventually(async () => (await runQueueStoresText(inspector.store)).some((v) => v.includes(round.id) && v.includes('invitationIds')));
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
  });

  it('settles every response in one shuffled batch, after the close, leaving none in the pool', async () => {
    const settled: { ctid: string; xmin: string; pattern: string; submitted_on: string; changed_on: string | null }[] = await api.owner.query(
      `select r.ctid::text, r.xmin::text,
              (select string_agg(a.answer, ',' order by st.position)
                 from survey_answer a join survey_statement st on st.id = a.statement_id
                where a.tenant_id = r.tenant_id and a.response_id = r.id) as pattern,
              r.submitted_on::text, r.changed_on::text
         from survey_response r
        where r.round_id = $1
        order by r.ctid`,
      [round.id],
    );
    expect(settled.map((r) => r.pattern).sort()).toEqual(respondents.map((r) => r.pattern).sort());
    expect(new Set(settled.map((r) => r.xmin)).size).toBe(1);
    // Stored in an order unrelated to the answering order (8! orders: a false alarm is 1 in 40,320).
    expect(settled.map((r) => r.pattern)).not.toEqual(respondents.map((r) => r.pattern));
    // Days: every response carries the day it settled, changed or not, so days do not tell who changed.
    expect(new Set(settled.map((r) => r.submitted_on)).size).toBe(1);
    expect(await api.owner.query(`select count(*)::int as n from survey_response_pool where tenant_id = $1`, [p.tenant.id])).toEqual([{ n: 0 }]);
    const counted = (await api.ok(`query($id: ID!) { surveyRound(id: $id) { responseCount } }`, { id: round.id }, p.coordinator)).surveyRound;
    expect(counted).toEqual({ responseCount: RESPONDENTS });
  });

  it('shares no transaction id, nor a neighbouring one, between a response and the use of a link or a throttle row (pageinspect)', async () => {
    const [available] = await api.owner.query(`select count(*)::int as n from pg_available_extensions where name = 'pageinspect'`);
    if (!available.n) return console.warn('pageinspect is not available: row versions not inspected');
    await api.owner.query(`create extension if not exists pageinspect`);
    const tenant = uuidHex(p.tenant.id);
    const ofTenant = (rows: Tuple[]) => rows.filter((t) => t.data.includes(tenant));
    const responseSide = [...ofTenant(await tuples('survey_response')), ...ofTenant(await tuples('survey_answer'))];
    expect(responseSide.length).toBeGreaterThanOrEqual(RESPONDENTS * 8);
    const tokens = ofTenant(await tuples('survey_token'));
    const throttle = await tuples('survey_attempt_throttle');
    // The invitation and the close touch every link of the round alike; every other id on a token is a link's use.
    const [{ invited }] = await api.owner.query(`select min(xmin::text) as invited from survey_invitation where round_id = $1`, [round.id]);
    const [{ closed }] = await api.owner.query(`select xmin::text as closed from survey_round where id = $1`, [round.id]);
    expect(useXids).toHaveLength(RESPONDENTS);
    const uses = new Set([...useXids, ...tokens.flatMap((t) => [t.xmin, t.xmax]).filter((x) => x !== '0' && x !== invited && x !== closed)]);
    // The respondents' address rows (the worker's hourly purge, at its start, deletes others: not a use).
    const addresses = respondents.map((r) => hex(r.address));
    const ofRespondents = throttle.filter((t) => addresses.some((a) => t.data.includes(a)));
    expect(ofRespondents.length).toBeGreaterThanOrEqual(RESPONDENTS);
    const touching = new Set([...uses, ...ofRespondents.flatMap((t) => [t.xmin, t.xmax]).filter((x) => x !== '0')].map(Number));
    const joined = responseSide
      .flatMap((t) => [t.xmin, t.xmax])
      .filter((x) => x !== '0')
      .filter((x) => [-2, -1, 0, 1, 2].some((d) => touching.has(Number(x) + d)));
    expect(joined).toEqual([]);

    // The pool was emptied with TRUNCATE: no version of this round's pooled answers is left in its pages, and
    // what other rounds still have pooled was rewritten by the settling transaction (none carries a use's id).
    const pool = await tuples('survey_response_pool');
    expect(ofTenant(pool)).toEqual([]);
    expect(pool.filter((t) => uses.has(t.xmin))).toEqual([]);
    // No row version of the survey's answer side, live or dead, holds a link, its hash, a person or an address.
    const traces = respondents.flatMap((r) => [hex(r.link.token), sha256(r.link.token), uuidHex(r.link.person.id), hex(r.address)]);
    expect(responseSide.filter((t) => traces.some((trace) => t.data.includes(trace)))).toEqual([]);
    // Nor any version of the throttle, outbox or audit rows: no link, hash, edit code or comment.
    const elsewhere = [...throttle, ...ofTenant(await tuples('outbox_event')), ...ofTenant(await tuples('audit_event'))];
    const secrets = respondents.flatMap((r) => [hex(r.link.token), sha256(r.link.token), hex(r.link.link), hex(r.editCode), sha256(r.editCode), hex(r.comment)]);
    expect(elsewhere.filter((t) => secrets.some((secret) => t.data.includes(secret)))).toEqual([]);
  });

  it('keeps no link, token, edit code, address or answer in the queue store or the logs', async () => {
    const values = await runQueueStoresText(inspector.store);
    // The invitation event's job is there, with ids only.
    expect(values.some((v) => v.includes(round.id) && v.includes('invitationIds'))).toBe(true);
    const stored = [...values, ...log].join('\n');
    for (const r of respondents) {
      for (const trace of [r.link.token, r.link.link, sha256(r.link.token), r.editCode, sha256(r.editCode), r.comment, r.address]) {
        expect(stored).not.toContain(trace);
      }
    }
  });
});
