import { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';

const PREFETCHED = Symbol('prefetched');

type WithPrefetched = { [PREFETCHED]?: Map<string, unknown> };

/**
 * Gives `parent` the answers of some of its fields, loaded with it in one statement, by
 * field name: each is what the field's resolver would answer when asked without
 * arguments, so it is served wherever that field is asked for without arguments, under
 * any alias (see servePrefetched). Never by response key: the same object, primed into a
 * loader, is reached again elsewhere in the request, where an alias may name another field.
 * A symbol key: not a column, not serialised, not audited.
 */
export function withPrefetched<T extends object>(parent: T, answers: Map<string, unknown> | null): T {
  if (answers?.size) (parent as WithPrefetched)[PREFETCHED] = answers;
  return parent;
}

/** The answer of the field `name`, for withPrefetched; null when it was not asked for. */
export function prefetchedAnswer(name: string, asked: boolean, answer: unknown): Map<string, unknown> | null {
  return asked ? new Map([[name, answer]]) : null;
}

/**
 * Wraps every field resolver of the schema's object types so that a field answered in
 * advance (withPrefetched) is served as it is: no Nest call context, no loader, no
 * promise for each of the hundreds of fields of a dashboard. Any other field, and any
 * field given arguments, is resolved as before. Root fields are never prefetched (no
 * parent), so guards run as they did.
 */
export function servePrefetched(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) field.resolve = servingPrefetched(field.resolve);
    }
  }
  return schema;
}

function servingPrefetched(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (parent, args, context, info) => {
    const answers = (parent as WithPrefetched | null)?.[PREFETCHED];
    if (answers?.has(info.fieldName) && withoutArguments(info)) return answers.get(info.fieldName);
    return resolve(parent, args, context, info);
  };
}

/** Whether the field is asked for without arguments (its merged occurrences all share theirs). */
const withoutArguments = (info: GraphQLResolveInfo): boolean => !info.fieldNodes[0].arguments?.length;
