import { OperationDefinitionNode, parse } from 'graphql';
import { Principal, Role } from '@joinedup/access';
import { JsonReads, column, dateTimeColumn } from './json-read';

const ID = '6f1c1b9e-2f7a-4c51-9d7e-0a4b7e6c2d11';

function reads(): JsonReads {
  const r = new JsonReads();
  r.addRoot({
    field: 'team',
    type: 'Team',
    roles: [Role.COORDINATOR],
    args: ['id'],
    statement: (answer, row) => `select ${answer} as answer from team ${row} where ${row}.id = $1`,
    params: (args, principal: Principal) => [args.id, principal.organisationId],
  });
  r.addFields('Team', {
    name: column('name'),
    createdAt: dateTimeColumn('created_at'),
    lead: { type: 'Member', one: (row, m) => `from member ${m} where ${m}.id = ${row}.lead_id` },
    members: { type: 'Member', many: (row, m) => `from member ${m} where ${m}.team_id = ${row}.id`, orderBy: (m) => `${m}.name` },
  });
  r.addFields('Member', { name: column('name') });
  return r;
}

function readOf(query: string, r = reads()) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return r.readFor(document, operation);
}

describe('JsonReads', () => {
  it('compiles a root field and its selection into one json text, keyed by response keys in order', () => {
    const read = readOf(`query($id: ID!) { t: team(id: $id) { name since: createdAt members { name } lead { name } } }`);
    expect(read?.key).toBe('t');
    expect(read?.sql).toBe(
      `select concat('{"name":', coalesce(to_json(r0.name)::text, 'null'), ` +
        `',"since":', coalesce(to_json(to_char(r0.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'null'), ` +
        `',"members":', coalesce((select '[' || string_agg(concat('{"name":', coalesce(to_json(r1.name)::text, 'null'), '}'), ',' order by r1.name) || ']' ` +
        `from member r1 where r1.team_id = r0.id), '[]'), ` +
        `',"lead":', coalesce((select concat('{"name":', coalesce(to_json(r2.name)::text, 'null'), '}') from member r2 where r2.id = r0.lead_id), 'null'), ` +
        `'}') as answer from team r0 where r0.id = $1`,
    );
  });

  it('merges fragments and repeated keys as GraphQL does (first occurrence decides the order)', () => {
    const read = readOf(`query { team(id: "${ID}") { ...T members { name } name __typename } } fragment T on Team { name members { name } }`);
    expect(read?.sql).toMatch(/^select concat\('\{"name":', .*, ',"members":', .*, ',"__typename":', '"Team"', '\}'\) as answer/);
    expect(read?.sql.match(/"members"/g)).toHaveLength(1);
  });

  it('takes the root arguments from variables or literals, only as UUIDs', () => {
    const byVariable = readOf(`query($id: ID!) { team(id: $id) { name } }`);
    expect(byVariable?.args({ id: ID })).toEqual({ id: ID });
    expect(byVariable?.args({ id: 'not-a-uuid' })).toBeNull();
    expect(byVariable?.args({ id: 7 })).toBeNull();
    expect(byVariable?.args({})).toBeNull();
    expect(readOf(`query { team(id: "${ID}") { name } }`)?.args({})).toEqual({ id: ID });
    expect(readOf(`query { team(id: 7) { name } }`)).toBeNull();
    expect(readOf(`query { team { name } }`)).toBeNull();
  });

  it.each([
    ['a mutation', `mutation { team(id: "${ID}") { name } }`],
    ['two root fields', `query { team(id: "${ID}") { name } other: team(id: "${ID}") { name } }`],
    ['a root field it does not know', `query { squad(id: "${ID}") { name } }`],
    ['a field it does not know', `query { team(id: "${ID}") { name budget } }`],
    ['arguments below the root', `query { team(id: "${ID}") { members(first: 2) { name } } }`],
    ['an unknown root argument', `query { team(id: "${ID}", archived: true) { name } }`],
    ['a directive on the root', `query { team(id: "${ID}") @include(if: true) { name } }`],
    ['a directive below', `query($x: Boolean!) { team(id: "${ID}") { name @skip(if: $x) } }`],
    ['a fragment on another type', `query { team(id: "${ID}") { ... on Squad { name } } }`],
    ['a sub-selection on a leaf', `query { team(id: "${ID}") { name { x } } }`],
  ])('leaves %s to execution', (_case, query) => {
    expect(readOf(query)).toBeNull();
  });

  it('leaves to execution an object wider than concat takes (49 keys)', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}: name`).join(' ');
    expect(readOf(`query { team(id: "${ID}") { ${keys} } }`)).toBeNull();
    expect(readOf(`query { team(id: "${ID}") { ${keys.replace(/ k49: name$/, '')} } }`)).not.toBeNull();
  });

  it('compiles a document once', () => {
    const r = reads();
    const document = parse(`query { team(id: "${ID}") { name } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(r.readFor(document, operation)).toBe(r.readFor(document, operation));
  });
});
