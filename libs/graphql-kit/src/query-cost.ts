import { DocumentNode, GraphQLError, GraphQLSchema, getNullableType, isListType, visit } from 'graphql';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { MAX_PAGE_SIZE } from './pagination';

/** The size assumed for a list without `first` whose field does not say better (see `listOf`). */
export const DEFAULT_LIST_SIZE = 10;

/** The size assumed for each list of the schema's own description (types, fields, arguments…). */
export const INTROSPECTION_LIST_SIZE = 5;

/** Past this many fields visited (fragments counted at each use), a query is refused outright. */
export const MAX_COST_NODES = 10_000;

/**
 * The `complexity` of a list field without `first` that is bounded or usually small,
 * for Nest's field options: `@ResolveField(() => [MembershipType], { complexity: listOf(40) })`.
 */
export function listOf(size: number): (options: { childComplexity: number }) => number {
  return ({ childComplexity }) => 1 + size * childComplexity;
}

/**
 * The estimated number of values a query returns, before it runs: each field counts 1,
 * and a list counts its selection once per expected item. A field with `first` expects
 * `first` items (its default when absent, at most MAX_PAGE_SIZE); a list field declares
 * its size with `listOf`, and any other list is assumed to hold DEFAULT_LIST_SIZE.
 * Throws a GraphQLError when a variable is wrong, as execution would.
 */
export function queryCost(input: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
}): number {
  return getComplexity({
    schema: input.schema,
    query: input.document,
    variables: input.variables,
    operationName: input.operationName,
    estimators: [introspectionEstimator, fieldExtensionsEstimator(), pageEstimator, listEstimator, simpleEstimator()],
    maxQueryNodes: MAX_COST_NODES,
  });
}

/** How many costs are kept per document (one per operation and values of the variables the cost depends on). */
const COSTS_PER_DOCUMENT = 64;

const costsOf = new WeakMap<DocumentNode, { costVariables: string[]; costs: Map<string, number> }>();

/**
 * queryCost, remembered per document: a client sends the same query again and again with
 * other ids, and the cost depends only on the variables given to `first` or to
 * @skip/@include (no estimator reads another argument). Only a computed cost is kept;
 * a query refused once is computed, and refused, again.
 */
export function rememberedQueryCost(input: Parameters<typeof queryCost>[0]): number {
  let known = costsOf.get(input.document);
  if (!known) costsOf.set(input.document, (known = { costVariables: costVariables(input.document), costs: new Map() }));
  const key = JSON.stringify([input.operationName ?? null, ...known.costVariables.map((name) => input.variables?.[name] ?? null)]);
  const remembered = known.costs.get(key);
  if (remembered !== undefined) return remembered;
  const cost = queryCost(input);
  if (known.costs.size >= COSTS_PER_DOCUMENT) known.costs.clear();
  known.costs.set(key, cost);
  return cost;
}

/** The variables a document passes to `first` or to @skip/@include, wherever they sit in the value. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: Parameters<typeof visit>[0]) =>
    visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  visit(document, {
    Argument: (argument) => {
      if (argument.name.value === 'first') collect(argument.value);
    },
    Directive: (directive) => {
      if (directive.name.value === 'skip' || directive.name.value === 'include') collect(directive);
    },
    // A variable's default value is not a use of it.
    VariableDefinition: () => false,
  });
  return [...names].sort();
}

/** Whether queryCost gave up because the query has too many fields to visit. */
export function isTooManyNodes(error: unknown): boolean {
  return error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message);
}

const isList = (type: Parameters<typeof getNullableType>[0]): boolean => isListType(getNullableType(type));

const introspectionEstimator: ComplexityEstimator = ({ type, field, childComplexity }) => {
  if (!field.name.startsWith('__') && !type.name.startsWith('__')) return undefined;
  return 1 + (isList(field.type) ? INTROSPECTION_LIST_SIZE : 1) * childComplexity;
};

const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first !== 'number') return undefined;
  // Beyond the page size the arguments are refused anyway; below 1 must not lower the cost.
  const items = Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE);
  return 1 + items * childComplexity;
};

const listEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isList(field.type) ? 1 + DEFAULT_LIST_SIZE * childComplexity : undefined;
