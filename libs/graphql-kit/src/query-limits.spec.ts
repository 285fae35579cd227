import { GraphQLError, buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { AppError } from '@joinedup/errors';
import { QueryLimits, queryCostPlugin, queryLimitRules, tokenLimitError } from './query-limits';

const schema = buildSchema(`
  type Query { me: User  localities(first: Int! = 20): LocalityConnection! }
  type User { id: ID!  name: String }
  type LocalityConnection { nodes: [Locality!]! }
  type Locality { id: ID!  name: String!  programmes: [Programme!]! }
  type Programme { id: ID!  locality: Locality! }
`);

const LIMITS: QueryLimits = { maxDepth: 4, maxAliases: 3, maxDirectives: 2, maxTokens: 50, maxCost: 100 };

/** The errors GraphQL's validation reports with the limit rules, as code and message. */
function check(query: string, limits = LIMITS): { code?: string; message: string }[] {
  return validate(schema, parse(query), [...specifiedRules, ...queryLimitRules(limits)]).map((error) => ({
    code: error.originalError instanceof AppError ? error.originalError.code : undefined,
    message: error.message,
  }));
}

describe('queryLimitRules', () => {
  it('refuses a query deeper than the limit, saying how deep it is', () => {
    expect(check('{ localities { nodes { programmes { id } } } }')).toEqual([]);
    expect(check('{ localities { nodes { programmes { locality { id } } } } }')).toEqual([
      { code: 'QUERY_TOO_COMPLEX', message: 'The query is nested 5 levels deep; the limit is 4.' },
    ]);
  });

  it('counts a fragment as no level of its own', () => {
    expect(check('{ localities { nodes { ...P } } } fragment P on Locality { programmes { id } }')).toEqual([]);
  });

  it('counts aliases inside a fragment at each use', () => {
    const query = '{ a: localities { nodes { ...N } } b: localities { nodes { ...N } } } fragment N on Locality { x: id }';
    expect(check(query)).toEqual([{ code: 'QUERY_TOO_COMPLEX', message: 'The query uses 4 aliases; the limit is 3.' }]);
  });

  it('refuses too many directives', () => {
    const query = '{ me { id @include(if: true) name @skip(if: false) } localities @skip(if: false) { nodes { id } } }';
    expect(check(query)).toEqual([{ code: 'QUERY_TOO_COMPLEX', message: 'The query uses 3 directives; the limit is 2.' }]);
  });

  it('reports one limit only when a query is over several', () => {
    const query = '{ a: me { id } b: me { id } c: me { id } d: localities { nodes { programmes { locality { id } } } } }';
    expect(check(query)).toHaveLength(1);
  });

  it('lets the standard introspection query through at the default depth of 10', () => {
    expect(check(getIntrospectionQuery(), { ...LIMITS, maxDepth: 10 })).toEqual([]);
  });
});

describe('tokenLimitError', () => {
  /** What Apollo makes of a parse error (its SyntaxError class). */
  function parseError(query: string, maxTokens: number): GraphQLError {
    try {
      parse(query, { maxTokens });
    } catch (error) {
      return new GraphQLError((error as GraphQLError).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    }
    throw new Error('parsed');
  }

  it("turns GraphQL's token limit into QUERY_TOO_COMPLEX", () => {
    const error = tokenLimitError(parseError(`{ me { ${'id '.repeat(60)}} }`, 50), LIMITS);
    expect(error?.originalError).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(error?.message).toBe('The query has more than 50 tokens (names, punctuation, values); the limit is 50.');
  });

  it('leaves other syntax errors alone', () => {
    expect(tokenLimitError(parseError('{ me { id }', 50), LIMITS)).toBeUndefined();
  });
});

describe('queryCostPlugin', () => {
  async function resolveOperation(query: string, variables: Record<string, unknown> = {}) {
    const hooks = await queryCostPlugin(LIMITS).requestDidStart();
    return hooks.didResolveOperation({ schema, document: parse(query), request: { variables }, operationName: null });
  }

  it('lets a query within the budget through', async () => {
    await expect(resolveOperation('{ localities(first: 3) { nodes { id name } } }')).resolves.toBeUndefined();
  });

  it('refuses a query over the budget, saying its estimate', async () => {
    // 1 + 10 × nodes (1 + 10 × 2): `nodes` has no declared size in this schema.
    const refused = resolveOperation('{ localities(first: 10) { nodes { id name } } }');
    await expect(refused).rejects.toMatchObject({
      message: expect.stringContaining('about 211 values; the limit is 100.'),
      originalError: { code: 'QUERY_TOO_COMPLEX' },
    });
  });

  it('refuses an argument that does not fit rather than letting the query run uncounted', async () => {
    const refused = resolveOperation('query($n: Int) { localities(first: $n) { nodes { id } } }', { n: null });
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
