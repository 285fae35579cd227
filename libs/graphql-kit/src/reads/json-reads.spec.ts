import { OperationDefinitionNode, buildSchema, parse } from 'graphql';
import { Principal, Role } from '@joinedup/access';
import { JsonReads } from './json-reads';
import { afterPart, booleanArg, calendarDateArg, column, dateTimeColumn, intArg, listArg, optionalTextArg, pageArgs, rowById, uuidArg } from './read-model';

const ID = '6f1c1b9e-2f7a-4c51-9d7e-0a4b7e6c2d11';

const schema = buildSchema(`
  scalar DateTime
  type Query { team(id: ID!): Team! maybeTeam(id: ID!): Team squad(id: ID!): Squad teams: [Team!]! roster(teamId: ID!): [Member!]! }
  type Team { name: String createdAt: DateTime lead: Member members(roles: [String!]): [Member!]! page(first: Int! = 20, after: String): MemberConnection! budget: Int days(from: String!, to: String!): Int }
  type Member { name: String team: Team }
  type Squad { name: String }
  type MemberConnection { nodes: [Member!]! pageInfo: PageInfo! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
`);

const principal = { role: Role.COORDINATOR, organisationId: 'org' } as unknown as Principal;

function reads(): JsonReads {
  const r = new JsonReads();
  r.addFields('Query', {
    team: { roles: [Role.COORDINATOR], args: { id: uuidArg }, one: (_row, t, scope) => `from team ${t} where ${t}.id = ${scope.arg('id')}::uuid` },
    maybeTeam: { args: { id: uuidArg }, one: (_row, t, scope) => `from team ${t} where ${t}.id = ${scope.arg('id')}::uuid` },
    teams: { many: (_row, t, scope) => `from team ${t} where ${t}.org = ${scope.caller((p) => p.organisationId)}`, orderBy: (t) => `${t}.name` },
    roster: {
      args: { teamId: uuidArg },
      requires: (scope) => `exists (select 1 from team where id = ${scope.arg('teamId')}::uuid)`,
      many: (_row, m, scope) => `from member ${m} where ${m}.team_id = ${scope.arg('teamId')}::uuid`,
      orderBy: (m) => `${m}.name`,
    },
  });
  r.addFields('Team', {
    name: column('name'),
    createdAt: dateTimeColumn('created_at'),
    lead: { one: (row, m) => `from member ${m} where ${m}.id = ${row}.lead_id` },
    members: {
      args: { roles: listArg(5) },
      many: (row, m, scope) => `from member ${m} where ${m}.team_id = ${row}.id and (${scope.arg('roles')}::text[] is null or ${m}.role = any(${scope.arg('roles')}::text[]))`,
      orderBy: (m) => `${m}.name`,
    },
    page: {
      args: pageArgs(['text', 'uuid']),
      page: (row, m, scope) =>
        `from member ${m} where ${m}.team_id = ${row}.id and (${scope.arg('after')}::text[] is null or (${m}.name, ${m}.id) > (${afterPart(scope, 1)}, ${afterPart(scope, 2)}::uuid))`,
      orderBy: (m) => `${m}.name, ${m}.id`,
      cursor: (m) => [`${m}.name`, `${m}.id`],
    },
  });
  r.addFields('Member', { name: column('name') });
  r.addFields('Team', {
    days: {
      args: { from: (value, args) => (String(value) <= String(args?.to) ? { value } : null), to: (value) => ({ value }) },
      value: (_row, scope) => `${scope.arg('to')}::date - ${scope.arg('from')}::date`,
    },
  });
  return r;
}

function readOf(query: string, variables: Record<string, unknown> = {}, r = reads(), role: string = Role.COORDINATOR) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return r.readFor(schema, document, operation, role, variables);
}

describe('JsonReads', () => {
  it('compiles the whole data into one json text, keyed by response keys in order', () => {
    const read = readOf(`query($id: ID!) { t: team(id: $id) { name since: createdAt members { name } lead { name } } }`);
    expect(read?.sql).toBe(
      `select concat('{"t":', k0.json, '}') as answer from (select concat('{"name":', coalesce(to_json(r1.name)::text, 'null'), ` +
        `',"since":', coalesce(to_json(to_char(r1.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), ` +
        `',"members":', coalesce((select '[' || string_agg(concat('{"name":', coalesce(to_json(r2.name)::text, 'null'), '}'), ',' order by r2.name) || ']' ` +
        `from member r2 where r2.team_id = r1.id and ($1::text[] is null or r2.role = any($1::text[]))), '[]'), ` +
        `',"lead":', coalesce((select concat('{"name":', coalesce(to_json(r3.name)::text, 'null'), '}') from member r3 where r3.id = r1.lead_id), 'null'), ` +
        `'}') as json from team r1 where r1.id = $2::uuid) k0`,
    );
    expect(read?.params(principal, { id: ID })).toEqual([null, ID]);
  });

  it('answers several root fields in one statement; a nullable one may be null, a non-null one must have its row', () => {
    const read = readOf(`query { a: team(id: "${ID}") { name } b: maybeTeam(id: "${ID}") { name } teams { name } __typename }`);
    expect(read?.sql).toMatch(/^select concat\('\{"a":', k0\.json, ',"b":', k1\.json, ',"teams":', k2\.json, ',"__typename":', '"Query"', '\}'\) as answer from \(select .* from team r1 where r1\.id = \$1::uuid\) k0 cross join \(select coalesce\(\(select .*\), 'null'\) as json\) k1 cross join/);
    expect(read?.params(principal, {})).toEqual([ID, ID, 'org']);
  });

  it("leaves no row for a root field whose condition fails (its resolver's NOT_FOUND is then executed)", () => {
    const read = readOf(`query { roster(teamId: "${ID}") { name } }`);
    expect(read?.sql).toMatch(/ as json where exists \(select 1 from team where id = \$2::uuid\)\) k0$/);
    expect(read?.params(principal, {})).toEqual([ID, ID]);
  });

  it('merges fragments and repeated keys as GraphQL does (first occurrence decides the order)', () => {
    const read = readOf(`query { team(id: "${ID}") { ...T members { name } name __typename } } fragment T on Team { name members { name } }`);
    expect(read?.sql).toMatch(/select concat\('\{"name":', .*, ',"members":', .*, ',"__typename":', '"Team"', '\}'\) as json/);
    expect(read?.sql.match(/"members"/g)).toHaveLength(1);
  });

  it('applies @include and @skip with the variables, compiling each outcome once', () => {
    const query = `query($x: Boolean!) { team(id: "${ID}") { name budget @include(if: $x) lead @skip(if: $x) { name } } }`;
    const r = reads();
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(r.readFor(schema, document, operation, Role.COORDINATOR, { x: true })).toBeNull(); // budget is not described
    const read = r.readFor(schema, document, operation, Role.COORDINATOR, { x: false });
    expect(read?.sql).toContain(`',"lead":'`);
    expect(read?.sql).not.toContain('budget');
    expect(r.readFor(schema, document, operation, Role.COORDINATOR, { x: false })).toBe(read);
  });

  it('binds arguments per request, leaving to execution a value only the resolver can answer', () => {
    const read = readOf(`query($id: ID!) { team(id: $id) { name } }`);
    expect(read?.params(principal, { id: ID })).toEqual([ID]);
    expect(read?.params(principal, { id: 'not-a-uuid' })).toBeNull();
    const literal = readOf(`query { team(id: "${ID}") { members(roles: ["a", "b"]) { name } } }`);
    expect(literal?.params(principal, {})).toEqual([['a', 'b'], ID]);
    expect(readOf(`query { team(id: "${ID}") { members(roles: ["a","b","c","d","e","f"]) { name } } }`)?.params(principal, {})).toBeNull();
  });

  it('checks an argument against the others when its rule asks (a period whose end is before its start is executed)', () => {
    const read = readOf(`query($from: String!, $to: String!) { team(id: "${ID}") { days(from: $from, to: $to) } }`);
    expect(read?.params(principal, { from: '2026-01-01', to: '2026-02-01' })).toEqual(['2026-02-01', '2026-01-01', ID]);
    expect(read?.params(principal, { from: '2026-03-01', to: '2026-02-01' })).toBeNull();
  });

  it('binds only the values the resolvers accept (others are left to execution)', () => {
    expect(intArg(1, 200)(200)).toEqual({ value: 200 });
    expect(intArg(1, 200)(201)).toBeNull();
    expect(booleanArg(false)).toEqual({ value: false });
    expect(optionalTextArg(5)(undefined)).toEqual({ value: null });
    expect(optionalTextArg(5)('abcde')).toEqual({ value: 'abcde' });
    expect(optionalTextArg(5)('abcdef')).toBeNull();
    expect(optionalTextArg(5)('a\u0000')).toBeNull();
  });

  it('writes a connection: a page of first + 1 rows, hasNextPage and the cursor pagination.ts gives', () => {
    const read = readOf(`query($after: String) { team(id: "${ID}") { page(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } } }`);
    expect(read?.sql).toContain('limit $1::int + 1');
    expect(read?.sql).toContain(`(r2.name, r2.id) > (($2::text[])[1], ($2::text[])[2]::uuid)`);
    // Each row's cursor as JSON text; the page's last one encoded as pagination.ts encodes it.
    expect(read?.sql).toContain(`'[' || to_json((r2.name)::text)::text || ',' || to_json((r2.id)::text)::text || ']' as cursor`);
    expect(read?.sql).toContain(`translate(encode(convert_to((array_agg(cursor order by n desc) filter (where n <= $1::int))[1], 'UTF8'), 'base64'), E'+/=\\n', '-_')`);
    const cursor = Buffer.from(JSON.stringify(['Ann', ID])).toString('base64url');
    expect(read?.params(principal, { after: cursor })).toEqual([2, ['Ann', ID], ID]);
    expect(read?.params(principal, { after: 'rubbish' })).toBeNull();
    // A cursor that decodes but is longer than PageArgs takes (JSON allows the padding).
    const padded = Buffer.from(`[${' '.repeat(500)}"Ann","${ID}"]`).toString('base64url');
    expect(read?.params(principal, { after: padded })).toBeNull();
  });

  it('reads a day argument only as IsCalendarDate accepts it', () => {
    expect(calendarDateArg('2026-03-05')).toEqual({ value: '2026-03-05' });
    expect(['2026-3-5', '2026-13-01', '2026-03-05T00:00:00Z', 20260305, null].map((value) => calendarDateArg(value))).toEqual([null, null, null, null, null]);
  });

  it("writes SQL null for a caller's value that the statement's role makes null, binding it for the other roles", () => {
    const body = Object.assign((p: Principal) => (p.role === Role.MEMBER_REPRESENTATIVE ? p.organisationId : null), {
      noneFor: (role: string) => role !== Role.MEMBER_REPRESENTATIVE,
    });
    const r = reads();
    r.addFields('Query', { teams: { many: (_row, t, scope) => `from team ${t} where (${scope.caller(body)}::uuid is null or ${t}.org = ${scope.caller(body)})`, orderBy: (t) => `${t}.name` } });
    const coordinators = readOf(`{ teams { name } }`, {}, r, Role.COORDINATOR);
    expect(coordinators?.sql).toContain('where (null::uuid is null or r1.org = null)');
    expect(coordinators?.params(principal, {})).toEqual([]);
    const representatives = readOf(`{ teams { name } }`, {}, r, Role.MEMBER_REPRESENTATIVE);
    expect(representatives?.sql).toContain('where ($1::uuid is null or r1.org = $2)');
    expect(representatives?.params({ role: Role.MEMBER_REPRESENTATIVE, organisationId: 'body' } as Principal, {})).toEqual(['body', 'body']);
  });

  it('writes a to-one field its list already joined from the joined row, and looks up one it did not join', () => {
    const r = reads();
    r.addFields('Member', { team: rowById('team', 'team_id') });
    r.addFields('Query', {
      teams: {
        many: (_row, t) => `from team ${t} join member ${t}_l on ${t}_l.id = ${t}.lead_id`,
        orderBy: (t) => `${t}_l.name`,
      },
    });
    r.addFields('Team', {
      members: { many: (row, m) => `from member ${m} join team ${m}_t on ${m}_t.id = ${m}.team_id where ${m}.team_id = ${row}.id`, orderBy: (m) => `${m}.name`, joined: { team: '_t' } },
    });
    const read = readOf(`{ teams { members { team { name } } lead { team { name } } } }`, {}, r);
    expect(read?.sql).toContain(`string_agg(concat('{"team":', concat('{"name":', coalesce(to_json(r2_t.name)::text, 'null'), '}'), '}'), ',' order by r2.name)`);
    // lead is a `one` of its own, and its team is not joined by it: looked up.
    expect(read?.sql).toContain(`(select concat('{"name":', coalesce(to_json(r4.name)::text, 'null'), '}') from team r4 where r4.tenant_id = r3.tenant_id and r4.id = r3.team_id)`);
  });

  it('leaves to execution a role a field is not read for', () => {
    expect(readOf(`query { team(id: "${ID}") { name } }`, {}, reads(), Role.MEMBER_REPRESENTATIVE)).toBeNull();
  });

  it.each([
    ['a mutation', `mutation { team(id: "${ID}") { name } }`],
    ['a root field it does not know', `query { squad(id: "${ID}") { name } }`],
    ['a field it does not know', `query { team(id: "${ID}") { name budget } }`],
    ['an argument its description does not check', `query { team(id: "${ID}") { lead(x: 1) { name } } }`],
    ['another directive', `query { team(id: "${ID}") { name @deprecated } }`],
    ['an unknown fragment', `query { team(id: "${ID}") { ...Nowhere } }`],
    ['a sub-selection on a leaf', `query { team(id: "${ID}") { name { x } } }`],
  ])('leaves %s to execution', (_case, query) => {
    expect(readOf(query)).toBeNull();
  });

  it('skips a fragment on another type, as GraphQL does for an object type', () => {
    expect(readOf(`query { team(id: "${ID}") { name ... on Squad { budget } } }`)?.sql).not.toContain('budget');
  });

  it('writes an object wider than concat takes (100 arguments)', () => {
    const keys = Array.from({ length: 80 }, (_, i) => `k${i}: name`).join(' ');
    expect(readOf(`query { team(id: "${ID}") { ${keys} } }`)?.sql).toMatch(/concat\(concat\(/);
  });

  it('is off when switched off', () => {
    const r = reads();
    r.enabled = false;
    expect(readOf(`query { team(id: "${ID}") { name } }`, {}, r)).toBeNull();
  });
});
