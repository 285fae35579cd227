import { GraphQLField, GraphQLSchema, OperationDefinitionNode, getNamedType, getVariableValues, isNonNullType, isObjectType, parse, print } from 'graphql';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@joinedup/access';
import { StatementCounter, TenantDb } from '@joinedup/database';
import { HealthCheckResultsService } from '../../libs/health-check/src/health-check-results.service';
import { SurveyedPartnership, localityScanned, publishedRound } from '../health-check/health-check-fixture';
import { JsonReads } from '@joinedup/graphql-kit';
import { ApiHarness, TestTenant } from '../support/api-harness';
import { Answer, firstDifference } from '../support/answer-difference';
import { shrink } from '../support/document-shrinker';
import { JSON_READ_SHAPES, UNUSUAL_NAME, asQuery } from '../support/json-read-shapes';
import { LOCALITY_DASHBOARD } from '../support/locality-dashboard';
import { FieldSet, IdPools, generateReads, idTypeOf } from '../support/read-generator';
import { registerFixture } from '../support/register-fixtures';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

/**
 * The one-statement read (JsonReads) answers exactly what GraphQL execution answers,
 * field by field, for any document and any caller: generated documents over the whole
 * schema (seeded, so a failure can be replayed with DIFF_SEED), the issue's repros and the
 * dashboards, each sent twice over HTTP with the same token and variables, once with
 * JsonReads on and once off. Documents it does not compile are executed both times (still
 * a comparison: of execution with itself, and of what the next compiler version takes on).
 */
const SEED = Number(process.env.DIFF_SEED ?? 20261206);
/**
 * Generated documents per caller: plain ones of the fields JsonReads knows (they compile
 * today), the same fields with directives, arguments and fragments (what it should take
 * on next), and anything.
 */
const PLAIN = Number(process.env.DIFF_PLAIN ?? 20);
const KNOWN = Number(process.env.DIFF_KNOWN ?? 15);
const ANYTHING = Number(process.env.DIFF_ANYTHING ?? 45);
/** Generated documents per caller that page on with a cursor the API gave out. */
const CURSOR_DOCUMENTS = Number(process.env.DIFF_CURSORS ?? 12);

/** The issue's repros: an alias that names another field of a record reached twice. */
const REPROS = {
  'an alias naming another field (leader: openNomination)': `query($id: ID!) { locality(id: $id) {
    programmes { leader { id } nominations { programme { leader: openNomination { id } } } } } }`,
  'one alias for two lists of different types (p)': `query($id: ID!) { locality(id: $id) {
    members { organisation { p: people { fullName } } }
    programmes { leader { person { organisation { p: alignmentRequestsMade { nodes { id } } } } } } } }`,
};
const FIXED: Record<string, string> = {
  ...REPROS,
  // A page whose statement aggregates nothing (no nodes, no pageInfo) still writes its value (found by this test).
  'a root page asked for its __typename only': `query($id: ID!) { programmes(localityId: $id) { __typename } }`,
  'pages below the root asked for their __typename only': `query($id: ID!) { locality(id: $id) {
    programmes { briefings { __typename } improvementActions { __typename } } } }`,
  'a locality’s conflicts asked for their __typename only': `query($id: ID!) { locality(id: $id) { conflicts { __typename } } }`,
  ...Object.fromEntries(Object.entries(JSON_READ_SHAPES).map(([name, shape]) => [name, asQuery(shape)])),
  'the web dashboard': LOCALITY_DASHBOARD,
};

/** Record types and their tables, for the pools of real ids the generator asks for. */
const TABLES: Record<string, string> = {
  AlignmentRequest: 'alignment_request',
  Briefing: 'briefing',
  Conflict: 'conflict',
  ConflictProcess: 'conflict_process',
  GovernanceFlag: 'governance_flag',
  GovernanceScan: 'governance_scan',
  ImprovementAction: 'improvement_action',
  ImprovementReview: 'improvement_review',
  Locality: 'locality',
  Milestone: 'milestone',
  Organisation: 'organisation',
  Person: 'person',
  Programme: 'programme',
  ProgrammeRole: 'programme_role',
  Recognition: 'recognition',
  SurveyRound: 'survey_round',
  User: 'app_user',
  WebhookEndpoint: 'webhook_endpoint',
};

/** The callers, in the order `callers` is filled: a member representative inside and outside the locality. */
const ROLES = [
  'TENANT_ADMIN',
  'COORDINATOR',
  'REVIEWER',
  'MEMBER_REPRESENTATIVE of a member body',
  'MEMBER_REPRESENTATIVE of a body outside the locality',
];

interface Sent {
  status: number;
  body: string;
  answer: Answer;
  statements: string[];
}

interface Difference {
  role: string;
  /** Which generated document (null for a fixed case). */
  generated: string | null;
  query: string;
  variables: Record<string, unknown>;
  difference: string;
}

describe('compiled and executed reads answer alike', () => {
  let api: ApiHarness;
  let reads: JsonReads;
  let schema: GraphQLSchema;
  let localityId: string;
  let pools: IdPools;
  let compilable: FieldSet;
  const callers: Record<string, string> = {};
  /** Every `endCursor` an executed answer gave out, for documents that page on with them. */
  const cursors = new Set<string>();
  let harvested = false;
  const tally = { documents: 0, compiled: 0, answeredByOneRead: 0, statements: 0, errors: {} as Record<string, number> };

  beforeAll(async () => {
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback' });
    reads = api.app.get(JsonReads);
    schema = api.app.get(GraphQLSchemaHost).schema;
    compilable = describedFields(schema, reads);
    const tenant = await api.newTenant('differential');
    const coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const fixture = await registerFixture(api, tenant, coordinator);
    localityId = fixture.localityId;
    const outsider = await partnership(api, tenant, coordinator, fixture);
    const other = await api.newTenant('differential-other');
    await registerFixture(api, other, (await api.newUser(other, 'COORDINATOR')).token);
    pools = { ours: await idsOf(api, tenant), theirs: await idsOf(api, other) };
    Object.assign(callers, {
      TENANT_ADMIN: tenant.adminToken,
      COORDINATOR: coordinator,
      REVIEWER: (await api.newUser(tenant, 'REVIEWER')).token,
      'MEMBER_REPRESENTATIVE of a member body': fixture.representative.token,
      'MEMBER_REPRESENTATIVE of a body outside the locality': outsider,
    });
  });

  afterAll(async () => {
    reads.enabled = true;
    // Reported, not asserted: how much of what is generated the compiler takes today.
    console.info(
      `Differential reads (seed ${SEED}): ${tally.documents} documents, ${tally.compiled} compiled, ` +
        `${tally.answeredByOneRead} answered by one read statement (${tally.statements} statements in all on the compiled side); ` +
        `errors by code: ${JSON.stringify(tally.errors)}; compilable roots ${compilable.roots.join(', ')}, ` +
        `${[...compilable.fields.values()].reduce((n, f) => n + f.size, 0)} fields of ${[...compilable.fields.values()].filter((f) => f.size).length} types described.`,
    );
    await api.stop();
  });

  /** The document's answer with JsonReads on (`compiled`) or off, and the statements it sent. */
  async function send(query: string, variables: Record<string, unknown>, token: string, compiled: boolean): Promise<Sent> {
    reads.enabled = compiled;
    StatementCounter.texts = [];
    try {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.text();
      return { status: response.status, body, answer: parsed(body), statements: StatementCounter.texts };
    } finally {
      StatementCounter.texts = null;
      reads.enabled = true;
    }
  }

  /** The statement JsonReads compiles the document to for the caller's role, or null when it is executed. */
  function compiledSql(query: string, variables: Record<string, unknown>, caller: string): string | null {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return null;
    return reads.readFor(schema, document, operation, roleOf(caller), coerced.coerced)?.sql ?? null;
  }

  /** Both answers, and how they differ or what is wrong with both (null when nothing), counted in the tally. */
  async function compare(query: string, variables: Record<string, unknown>, caller: string) {
    const compiled = await send(query, variables, callers[caller], true);
    const executed = await send(query, variables, callers[caller], false);
    const sql = compiledSql(query, variables, caller);
    for (const cursor of endCursors(executed.answer.data)) cursors.add(cursor);
    tally.documents++;
    tally.statements += compiled.statements.length;
    if (sql) tally.compiled++;
    if (sql && compiled.statements.includes(sql)) tally.answeredByOneRead++;
    for (const error of compiled.answer.errors ?? []) {
      const code = String(error.extensions?.code);
      tally.errors[code] = (tally.errors[code] ?? 0) + 1;
    }
    const difference =
      internalError(compiled, 'compiled') ??
      internalError(executed, 'executed') ??
      firstDifference(compiled.answer, executed.answer) ??
      (compiled.status !== executed.status ? `HTTP status ${compiled.status} ≠ ${executed.status}` : null) ??
      (!compiled.answer.errors && compiled.body !== executed.body ? 'the same values, written differently' : null);
    return { compiled, executed, sql, difference };
  }

  /** The failure message: the document shrunk to what still differs, the caller, the variables, the difference. */
  async function report(found: Difference[]): Promise<string> {
    const [first] = found;
    const differenceOf = async (query: string) => (await compare(query, first.variables, first.role)).difference;
    const smallest = await shrink(schema, first.query, async (candidate) => (await differenceOf(candidate)) !== null);
    const shrunk = smallest === print(parse(first.query)) ? '' : `\nShrunk to:\n${smallest}\n(${await differenceOf(smallest)})`;
    return [
      `${found.length} document(s) answered differently (compiled ≠ executed) or with an internal error${first.generated ? `; replay with DIFF_SEED=${SEED}` : ''}.`,
      `First: as ${first.role}${first.generated ? ` (${first.generated})` : ''}: ${first.difference}`,
      `Variables: ${JSON.stringify(first.variables)}`,
      `Document:\n${print(parse(first.query))}${shrunk}`,
      ...found.slice(1, 6).map((d) => `Also as ${d.role}: ${d.difference}\n${d.query.replace(/\s+/g, ' ').slice(0, 300)}`),
    ].join('\n');
  }

  it('reads as every role of the app', () => {
    expect(Object.keys(callers)).toEqual(ROLES);
    expect(new Set(ROLES.map(roleOf))).toEqual(new Set(Object.values(Role)));
  });

  describe.each(ROLES)('as %s', (role) => {
    it('answers the fixed cases (the issue’s repros, the dashboards, bare pages) alike, with no internal error', async () => {
      const found: Difference[] = [];
      for (const [name, query] of Object.entries(FIXED)) {
        const { difference } = await compare(query, { id: localityId }, role);
        if (difference) found.push({ role, generated: null, query, variables: { id: localityId }, difference: `${name}: ${difference}` });
      }
      if (found.length) throw new Error(await report(found));
    });

    it('answers generated documents alike, with no internal error', async () => {
      const seed = SEED + ROLES.indexOf(role) * 1000;
      const kinds = [
        { name: 'plain known', count: PLAIN, options: { plain: true, only: compilable } },
        { name: 'known', count: KNOWN, options: { only: compilable } },
        { name: 'any', count: ANYTHING, options: {} },
      ];
      const documents = kinds.flatMap(({ name, count, options }, k) =>
        generateReads(schema, count, { seed: seed + k, pools, ...options }).map((read, i) => ({ ...read, generated: `${name} document ${i} of seed ${seed + k}` })),
      );
      const found: Difference[] = [];
      for (const { query, variables, generated } of documents) {
        const { difference } = await compare(query, variables, role);
        if (difference) found.push({ role, generated, query, variables, difference });
      }
      if (found.length) throw new Error(await report(found));
    });
  });

  it.each(ROLES)('follows the cursors the API gave out alike, as %s', async (role) => {
    if (!harvested) {
      harvested = true;
      for (const query of cursorHarvest(schema, pools)) for (const token of [callers.TENANT_ADMIN, callers.COORDINATOR]) {
        const { answer } = await send(query, {}, token, false);
        for (const cursor of endCursors(answer.data)) cursors.add(cursor);
      }
    }
    expect(cursors.size).toBeGreaterThan(5);
    const seed = SEED + 100_000 + ROLES.indexOf(role);
    const paging = generateReads(schema, 120, { seed, pools: { ...pools, cursors: [...cursors].sort() } })
      .filter(({ variables, query }) => [...cursors].some((cursor) => query.includes(cursor) || Object.values(variables).includes(cursor)))
      .slice(0, CURSOR_DOCUMENTS);
    expect(paging.length).toBeGreaterThan(CURSOR_DOCUMENTS / 2);
    const found: Difference[] = [];
    for (const { query, variables } of paging) {
      const { difference } = await compare(query, variables, role);
      if (difference) found.push({ role, generated: `a document paging on of seed ${seed}`, query, variables, difference });
    }
    if (found.length) throw new Error(await report(found));
  });

  it('reads the dashboards in one statement when it may, and executes them when JsonReads is off', async () => {
    for (const shape of Object.values(JSON_READ_SHAPES)) {
      const query = asQuery(shape);
      for (const role of ROLES.filter((r) => !r.includes('outside'))) {
        const sql = compiledSql(query, { id: localityId }, role);
        expect({ role, compiles: sql !== null }).toEqual({ role, compiles: true });
        const { compiled, executed } = await compare(query, { id: localityId }, role);
        // Opening (the session check), the read, commit.
        expect({ role, statements: compiled.statements.length, reads: compiled.statements.filter((s) => s === sql).length }).toEqual({ role, statements: 3, reads: 1 });
        expect(executed.statements).not.toContain(sql);
      }
    }
  });
});

/**
 * Documents asking every list for its first page's cursor: each root page whose required
 * arguments are ids (of the caller's tenant), and each page of a record read by its id.
 */
function cursorHarvest(schema: GraphQLSchema, pools: IdPools): string[] {
  const isPage = (field: GraphQLField<unknown, unknown>) => {
    const type = getNamedType(field.type);
    return isObjectType(type) && 'pageInfo' in type.getFields() && field.args.some((a) => a.name === 'first');
  };
  const required = (field: GraphQLField<unknown, unknown>) => field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const page = `(first: 1) { pageInfo { endCursor } }`;
  const documents: string[] = [];
  for (const root of Object.values(schema.getQueryType()!.getFields())) {
    const args = required(root);
    if (!args.every((a) => getNamedType(a.type).name === 'ID')) continue;
    const idsOf = (argName: string) => pools.ours[argName === 'id' ? getNamedType(root.type).name : idTypeOf(argName)] ?? [];
    for (const id of args.length ? idsOf(args[0].name) : [null]) {
      const written = args.map((a) => `${a.name}: ${JSON.stringify(a.name === args[0].name ? id : idsOf(a.name)[0])}`).join(', ');
      const call = written ? `(${written}` : '';
      if (isPage(root)) documents.push(`{ ${root.name}${call ? `${call}, first: 1)` : '(first: 1)'} { pageInfo { endCursor } } }`);
      const type = getNamedType(root.type);
      if (isPage(root) || !isObjectType(type) || args.length !== 1 || args[0].name !== 'id') continue;
      const pages = Object.values(type.getFields()).filter((f) => isPage(f) && !required(f).length);
      for (const f of pages) documents.push(`{ ${root.name}${call}) { ${f.name}${page} } }`);
    }
  }
  return documents;
}

/** The `endCursor` strings anywhere in an answer's data, whatever their alias' parent. */
function endCursors(data: unknown, found: string[] = []): string[] {
  if (Array.isArray(data)) for (const item of data) endCursors(item, found);
  else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      if (key === 'endCursor' && typeof value === 'string') found.push(value);
      else endCursors(value, found);
    }
  }
  return found;
}

/** The answer in a body; a body that is no JSON (a compiled statement can write broken text) as an error saying where. */
function parsed(body: string): Answer {
  try {
    return JSON.parse(body) as Answer;
  } catch (error) {
    return { errors: [{ message: `The body is not JSON (${(error as Error).message})`, extensions: { code: 'NOT_JSON' } }] };
  }
}

/** The role of a caller of ROLES. */
const roleOf = (caller: string): string => caller.split(' ')[0];

/** The root fields and fields JsonReads describes: documents of these alone compile (unless a role or argument rule leaves them to execution). */
function describedFields(schema: GraphQLSchema, reads: JsonReads): FieldSet {
  const fields = new Map<string, Set<string>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    fields.set(type.name, new Set(Object.keys(type.getFields()).filter((field) => reads.describes(type.name, field))));
  }
  const query = schema.getQueryType()!.name;
  return { roots: [...(fields.get(query) ?? [])], fields };
}

/** An internal error (or a body that is no JSON) is a bug whichever path answers it, even when both do. */
function internalError(sent: Sent, path: string): string | null {
  const error = sent.answer.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === 'NOT_JSON');
  return error ? `${String(error.extensions?.code)} ${path} at ${(error.path ?? []).join('.')}: ${error.message}` : null;
}

/**
 * The rest of a small partnership beside the register fixture: a programme with an agreed
 * leader, one with an open nomination, a milestone, a survey round, people whose names
 * tie, a former member, an archived locality; and a member body of another locality,
 * whose representative is returned.
 */
async function partnership(
  api: ApiHarness,
  tenant: TestTenant,
  coordinator: string,
  fixture: Awaited<ReturnType<typeof registerFixture>>,
): Promise<string> {
  const make = new RegistryFactory(api, coordinator);
  const [first, second] = fixture.bodies;
  const led = await make.programme(fixture.localityId, [first.id, second.id], { purpose: 'Joined-up care', startsOn: '2026-01-05' });
  const nomination = await make.nominate(led.id, (await make.person(first.id, 'Agreed Leader')).id);
  const secondRepresentative = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', second.id)).token;
  await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: first.id, position: 'SUPPORT' } }, fixture.representative.token);
  await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: second.id, position: 'SUPPORT' } }, secondRepresentative);
  const open = await make.programme(fixture.localityId, [first.id, second.id]);
  await make.nominate(open.id, (await make.person(second.id, 'Nominee')).id);
  const today = new Date().toISOString().slice(0, 10);
  // A round whose figures are published (the compiled results read), before the open one below.
  const surveyed = { coordinator, localityId: fixture.localityId } as SurveyedPartnership;
  await localityScanned(api, tenant.id, fixture.localityId, new Date(Date.now() - 86_400_000));
  const published = await publishedRound(api, surveyed, { title: 'Winter health check', minGroupSize: 3 }, (position, person) => ((position + person) % 3 ? 'AGREE' : 'DISAGREE'));
  const publishedNow = await api.app.get(TenantDb).run({ tenantId: tenant.id }, () => api.app.get(HealthCheckResultsService, { strict: false }).publish(published.id));
  if (!publishedNow) throw new Error('The differential fixture’s round was not published');
  await api.ok(
    `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id } }`,
    { input: { programmeId: led.id, name: 'Shared form live', dueOn: '2026-06-30', contributorIds: [first.id] } },
    coordinator,
  );
  await api.ok(
    `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`,
    { input: { localityId: fixture.localityId, title: 'Spring health check', opensOn: today, closesOn: '2099-12-31' } },
    coordinator,
  );
  // Text that JSON escapes, ties in every order a list is given in, a missing email.
  await make.person(first.id, UNUSUAL_NAME);
  for (const body of [first, first, second]) await make.person(body.id, 'Sam Same');
  await make.person(second.id, 'No Email', null);
  const [former] = await make.members(fixture.localityId, 1, ['Former Body']);
  await api.ok(
    `mutation($input: RecordMemberLeftInput!) { recordMemberLeft(input: $input) { id } }`,
    { input: { localityId: fixture.localityId, organisationId: former.id } },
    coordinator,
  );
  const archived = await make.locality();
  await make.members(archived.id, 1);
  await api.ok(`mutation($id: ID!) { archiveLocality(localityId: $id) { id } }`, { id: archived.id }, coordinator);
  const elsewhere = await make.locality();
  const [stranger] = await make.members(elsewhere.id, 1);
  await make.person(stranger.id);
  return (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;
}

/** Up to four ids of each record type of the tenant, read as the owner. */
async function idsOf(api: ApiHarness, tenant: TestTenant): Promise<Record<string, string[]>> {
  const pools: Record<string, string[]> = {};
  for (const [type, table] of Object.entries(TABLES)) {
    const rows: { id: string }[] = await api.owner.query(`select id from ${table} where tenant_id = $1 order by id limit 4`, [tenant.id]);
    pools[type] = rows.map((row) => row.id);
  }
  return pools;
}
