import { createHash } from 'node:crypto';
import { TenantDb } from '@joinedup/database';
import { HealthCheckInvitationsSubscriber, InvitationBatch, InvitationSender } from '@joinedup/health-check';
import { DomainEventJob, DomainEventSubscribers } from '@joinedup/jobs';
import { ApiHarness } from '../support/api-harness';
import {
  InvitationLink,
  SUBMIT,
  SurveyedPartnership,
  answersTo,
  invite,
  newClientAddress,
  openRound,
  surveyedPartnership,
} from './health-check-fixture';

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
        where table_schema = 'public' and table_name in ('survey_response', 'survey_answer', 'survey_token')`,
    );
    const of = (table: string) => columns.filter((c) => c.table_name === table);
    for (const table of ['survey_response', 'survey_answer']) {
      expect(of(table).length).toBeGreaterThan(3);
      expect(of(table).filter((c) => /person|user|invitation|token|email|address/.test(c.column_name))).toEqual([]);
      expect(of(table).filter((c) => c.data_type.startsWith('timestamp'))).toEqual([]);
    }
    expect(of('survey_token').map((c) => c.column_name).sort()).toEqual(
      ['expires_at', 'organisation_id', 'round_id', 'sector', 'tenant_id', 'token_hash'].sort(),
    );

    const keys: { from_table: string; to_table: string }[] = await api.owner.query(
      `select c.conrelid::regclass::text as from_table, c.confrelid::regclass::text as to_table
         from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    const reachable = new Set<string>();
    const queue = ['survey_response', 'survey_answer', 'survey_token'];
    while (queue.length) {
      const table = queue.shift()!;
      if (reachable.has(table)) continue;
      reachable.add(table);
      queue.push(...keys.filter((k) => k.from_table === table).map((k) => k.to_table));
    }
    expect([...reachable]).toEqual(expect.arrayContaining(['survey_round', 'organisation', 'locality']));
    expect(PERSON_TABLES.filter((t) => reachable.has(t))).toEqual([]);
  });

  it('a used link’s token row is deleted, and nothing of it is kept with the response', async () => {
    const link = links[0];
    const hash = sha256(link.token);
    expect(await api.owner.query(`select 1 from survey_token where token_hash = decode($1, 'hex')`, [hash])).toHaveLength(1);
    const result = await api.graphql(SUBMIT, { input: { token: link.token, answers: answersTo(round.statements) } }, undefined, newClientAddress());
    expect(result.errors).toBeUndefined();
    expect(await api.owner.query(`select 1 from survey_token where token_hash = decode($1, 'hex')`, [hash])).toEqual([]);
    const [dump] = await api.owner.query(
      `select (select string_agg(r::text, '|') from survey_response r where r.round_id = $1) as responses,
              (select string_agg(a::text, '|') from survey_answer a join survey_response r on r.id = a.response_id where r.round_id = $1) as answers`,
      [round.id],
    );
    for (const trace of [hash, link.token, link.person.id]) {
      expect(dump.responses).not.toContain(trace);
      expect(dump.answers).not.toContain(trace);
    }
    const audit = await api.owner.query(`select count(*)::int as n from audit_event where after::text like '%' || $1 || '%'`, [link.token]);
    expect(audit).toEqual([{ n: 0 }]);
  });

  it('tokens are stored in an order unrelated to the invitations', async () => {
    const byHash = new Map(links.map((l) => [sha256(l.token), l.person.id]));
    const tokens: { hash: string }[] = await api.owner.query(
      `select encode(token_hash, 'hex') as hash from survey_token where round_id = $1 order by ctid`,
      [round.id],
    );
    const invitations: { person_id: string }[] = await api.owner.query(
      `select person_id from survey_invitation where round_id = $1 order by ctid`,
      [round.id],
    );
    const stored = tokens.map((t) => t.hash).filter((h) => byHash.has(h));
    expect(stored.length).toBeGreaterThanOrEqual(9);
    expect(stored).toEqual([...stored].sort());
    const invitedInTokenOrder = stored.map((h) => byHash.get(h));
    const invitedInOrder = invitations.map((i) => i.person_id).filter((id) => invitedInTokenOrder.includes(id));
    // Ten people: the chance that hash order matches invitation order is 1 in 10! (or 9!).
    expect(invitedInTokenOrder).not.toEqual(invitedInOrder);
  });

  it('the worker hands the links to the sender, then strips them from the stored event', async () => {
    const [event] = await api.owner.query(
      `select id, payload, created_at from outbox_event where type = 'healthcheck.invitations_created' and payload->>'roundId' = $1`,
      [round.id],
    );
    expect(event.payload.invitations.map((i: { link: string }) => i.link).sort()).toEqual(links.map((l) => l.link).sort());

    const sent: InvitationBatch[] = [];
    const sender: InvitationSender = { send: async (batch) => void sent.push(batch) };
    const subscribers = new DomainEventSubscribers();
    new HealthCheckInvitationsSubscriber(subscribers, api.app.get(TenantDb), sender).onModuleInit();
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

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ tenantId: p.tenant.id, roundId: round.id });
    expect(sent[0].invitations.map((i) => i.personId).sort()).toEqual(links.map((l) => l.person.id).sort());
    const [after] = await api.owner.query(`select payload from outbox_event where id = $1`, [event.id]);
    expect(after.payload.invitations).toHaveLength(links.length);
    expect(JSON.stringify(after.payload)).not.toContain('health-check#');
  });
});
