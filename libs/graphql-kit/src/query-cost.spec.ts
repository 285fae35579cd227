import { GraphQLError, GraphQLObjectType, GraphQLSchema, buildSchema, parse } from 'graphql';
import { isTooManyNodes, listOf, queryCost, rememberedQueryCost } from './query-cost';

/** A schema shaped like ours: a connection with `first`, a capped list, an unbounded one. */
function testSchema(): GraphQLSchema {
  const schema = buildSchema(`
    type Query { me: User  localities(first: Int! = 20): LocalityConnection! }
    type User { id: ID!  name: String }
    type LocalityConnection { nodes: [Locality!]!  pageInfo: PageInfo! }
    type PageInfo { hasNextPage: Boolean! }
    type Locality { id: ID!  members: [Member!]!  programmes: [Programme!]! }
    type Member { id: ID! }
    type Programme { id: ID! }
  `);
  // What Nest's `complexity` field option sets (see ConnectionType and LocalityResolver.members).
  const field = (type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name];
  Object.assign(field('LocalityConnection', 'nodes'), { extensions: { complexity: listOf(1) } });
  Object.assign(field('Locality', 'members'), { extensions: { complexity: listOf(40) } });
  return schema;
}

const schema = testSchema();
const cost = (query: string, variables?: Record<string, unknown>) =>
  queryCost({ schema, document: parse(query), variables });

describe('queryCost', () => {
  it('counts each field once', () => {
    expect(cost('{ me { id name } }')).toBe(3);
  });

  it('counts a page `first` times, 20 when `first` is absent', () => {
    expect(cost('{ localities(first: 3) { nodes { id } } }')).toBe(1 + 3 * 2);
    expect(cost('{ localities { nodes { id } } }')).toBe(1 + 20 * 2);
    expect(cost('query($n: Int!) { localities(first: $n) { nodes { id } } }', { n: 3 })).toBe(1 + 3 * 2);
  });

  it('counts `first` as 1 to 100 whatever is asked (more is refused by the arguments anyway)', () => {
    expect(cost('{ localities(first: 1000) { nodes { id } } }')).toBe(1 + 100 * 2);
    expect(cost('{ localities(first: -5) { nodes { id } } }')).toBe(1 + 1 * 2);
  });

  it('counts a list by the size its field declares, or 10', () => {
    // nodes: 1 + id 1 + members (1 + 40 × 1) + programmes (1 + 10 × 1)
    const query = '{ localities(first: 2) { nodes { id members { id } programmes { id } } } }';
    expect(cost(query)).toBe(1 + 2 * (1 + 1 + 41 + 11));
  });

  it("counts the schema's own lists as 5 items", () => {
    expect(cost('{ __schema { types { name } } }')).toBe(1 + (1 + 5 * 1));
  });

  it('gives up on a fragment bomb (fragments count at each use)', () => {
    const ten = (spread: string) => Array.from({ length: 10 }, (_, i) => `a${i}: me { ...${spread} }`).join(' ');
    const bomb = `{ ${ten('A')} }
      fragment A on User { ...B ...B ...B ...B ...B ...B ...B ...B ...B ...B }
      fragment B on User { ...C ...C ...C ...C ...C ...C ...C ...C ...C ...C }
      fragment C on User { id name id name id name id name id name }`;
    expect.assertions(1);
    try {
      cost(bomb);
    } catch (error) {
      expect(isTooManyNodes(error)).toBe(true);
    }
  });

  it('throws GraphQL’s own error for a missing variable', () => {
    expect(() => cost('query($n: Int!) { localities(first: $n) { nodes { id } } }', {})).toThrow(GraphQLError);
    try {
      cost('query($n: Int!) { localities(first: $n) { nodes { id } } }', {});
    } catch (error) {
      expect(isTooManyNodes(error)).toBe(false);
    }
  });
});

describe('rememberedQueryCost', () => {
  const query = `query($id: ID!, $n: Int!, $withMembers: Boolean!) {
    localities(first: $n) { nodes { id members @include(if: $withMembers) { id } } } }`;
  const document = parse(query);
  const remembered = (variables: Record<string, unknown>) => rememberedQueryCost({ schema, document, variables });

  it('gives the cost computed for the values of `first` and @include, whatever the other variables', () => {
    expect(remembered({ id: 'a', n: 2, withMembers: false })).toBe(1 + 2 * 2);
    expect(remembered({ id: 'b', n: 2, withMembers: false })).toBe(1 + 2 * 2);
    expect(remembered({ id: 'b', n: 3, withMembers: false })).toBe(1 + 3 * 2);
    expect(remembered({ id: 'b', n: 3, withMembers: true })).toBe(1 + 3 * (2 + 41));
  });

  it('still refuses bad variables of the cost every time', () => {
    expect(() => remembered({ id: 'a', withMembers: true })).toThrow(GraphQLError);
    expect(() => remembered({ id: 'a', withMembers: true })).toThrow(GraphQLError);
  });
});

