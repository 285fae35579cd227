import { GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';

const PREFETCHED = Symbol('prefetched');

type WithPrefetched = { [PREFETCHED]?: Map<string, unknown> };

/**
 * Gives `parent` the answers of some of its fields, loaded with it in one statement, by
 * response key (the alias, or the field's name). The field's resolver is then not called
 * for it (see servePrefetched). A symbol key: not a column, not serialised, not audited.
 */
export function withPrefetched<T extends object>(parent: T, answers: Map<string, unknown> | null): T {
  if (answers?.size) (parent as WithPrefetched)[PREFETCHED] = answers;
  return parent;
}

/** The same answer under each response key the client used for a field (null when it was not asked for). */
export function answersUnder(keys: readonly string[] | null, answer: unknown): Map<string, unknown> | null {
  if (!keys?.length) return null;
  const answers = new Map<string, unknown>();
  for (const key of keys) answers.set(key, answer);
  return answers;
}

/**
 * Wraps every field resolver of the schema's object types so that a field answered in
 * advance (withPrefetched) is served as it is: no Nest call context, no loader, no
 * promise for each of the hundreds of fields of a dashboard. Any other field is resolved
 * as before. Root fields are never prefetched (no parent), so guards run as they did.
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
    if (answers !== undefined) {
      const key = info.path.key as string;
      if (answers.has(key)) return answers.get(key);
    }
    return resolve(parent, args, context, info);
  };
}
