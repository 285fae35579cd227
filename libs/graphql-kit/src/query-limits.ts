import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { DocumentNode, GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from 'graphql';
import { queryTooComplex } from '@joinedup/errors';
import { MAX_COST_NODES, isTooManyNodes, rememberedQueryCost } from './query-cost';

/** The limits on a GraphQL request (AppConfig.graphql). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
}

/** A refusal the client sees as QUERY_TOO_COMPLEX with this message, as a 400. */
export function tooComplexError(message: string): GraphQLError {
  return new GraphQLError(message, { originalError: queryTooComplex(message), extensions: { http: { status: 400 } } });
}

/** "… found 14." at the end of GraphQL Armor's messages (exposeLimits). */
function found(armorMessage: string): number | undefined {
  const match = /found (\d+)\.?$/.exec(armorMessage);
  return match ? Number(match[1]) : undefined;
}

export const limitMessages = {
  depth: (limit: number, actual?: number) =>
    `The query is nested ${actual ?? 'too many'} levels deep; the limit is ${limit}.`,
  aliases: (limit: number, actual?: number) => `The query uses ${actual ?? 'too many'} aliases; the limit is ${limit}.`,
  directives: (limit: number, actual?: number) =>
    `The query uses ${actual ?? 'too many'} directives; the limit is ${limit}.`,
  tokens: (limit: number) => `The query has more than ${limit} tokens (names, punctuation, values); the limit is ${limit}.`,
  cost: (limit: number, actual: number) =>
    `The query could return about ${actual} values; the limit is ${limit}. ` +
    'Ask for fewer items with `first`, or split the query.',
  nodes: (limit: number) => `The query selects more than ${limit} fields once its fragments are expanded; split it.`,
};

/**
 * GraphQL Armor's depth, alias and directive rules, run with GraphQL's own validation
 * (before anything executes). Each refusal is one QUERY_TOO_COMPLEX error: once a query is
 * over one limit, the others are not reported as well. The depth of `__schema` is not
 * counted (the standard introspection query is 15 deep); graphql's own
 * MaxIntrospectionDepthRule refuses `fields { type { fields …` nested without end.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const refused = new WeakSet<ValidationContext>();
  const reporter = (message: (limit: number, actual?: number) => string, limit: number) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        if (!context || refused.has(context)) return;
        refused.add(context);
        context.reportError(tooComplexError(message(limit, found(error.message))));
      },
    ],
  });
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      // Unflattened, Armor counts a fragment spread as two more levels; it is no level of data.
      flattenFragments: true,
      exposeLimits: true,
      ...reporter(limitMessages.depth, limits.maxDepth),
    }),
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, ...reporter(limitMessages.aliases, limits.maxAliases) }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      exposeLimits: true,
      ...reporter(limitMessages.directives, limits.maxDirectives),
    }),
  ] as unknown as ValidationRule[];
}

/**
 * GraphQL's parser stops at `maxTokens` (so a huge document never becomes a tree) with a
 * syntax error; this is that error as the client should see it, or undefined for any other.
 */
export function tokenLimitError(error: unknown, limits: QueryLimits): GraphQLError | undefined {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'GRAPHQL_PARSE_FAILED') return undefined;
  // graphql 16 says "more that", a later version may fix the typo.
  if (!/Document contains more th(?:at|an) \d+ tokens/.test(error.message)) return undefined;
  return tooComplexError(limitMessages.tokens(limits.maxTokens));
}

/** The parts of Apollo's request context the cost check reads (Apollo ships two copies of its types). */
interface LimitsRequestContext {
  schema: GraphQLSchema;
  document?: DocumentNode;
  operationName?: string | null;
  request: { variables?: Record<string, unknown> };
}

/**
 * The cost limit, which validation rules cannot apply since it needs the request's
 * variables (`first: $n`): checked once the operation is known, before it executes.
 */
export function queryCostPlugin(limits: QueryLimits) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }: LimitsRequestContext) {
          if (!document) return;
          let cost: number;
          try {
            cost = rememberedQueryCost({ schema, document, variables: request.variables, operationName: operationName ?? undefined });
          } catch (error) {
            if (isTooManyNodes(error)) throw tooComplexError(limitMessages.nodes(MAX_COST_NODES));
            // Refused rather than let through uncounted: a field whose argument is wrong fails
            // alone at execution, and its siblings would run.
            if (error instanceof GraphQLError) throw badArguments(error);
            throw error;
          }
          if (cost > limits.maxCost) throw tooComplexError(limitMessages.cost(limits.maxCost, cost));
        },
      };
    },
  };
}

/** Whether the operation's cost, for these variables, is within the limit (false when it cannot be counted): what queryCostPlugin lets through. */
export function withinCost(limits: QueryLimits, input: Omit<LimitsRequestContext, 'request'> & { variables?: Record<string, unknown> }): boolean {
  if (!input.document) return false;
  try {
    const { schema, document, variables, operationName } = input;
    return rememberedQueryCost({ schema, document, variables, operationName: operationName ?? undefined }) <= limits.maxCost;
  } catch {
    return false;
  }
}

/** A variable or argument that does not fit its type, in GraphQL's words. */
function badArguments(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}
