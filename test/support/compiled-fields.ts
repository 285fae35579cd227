import { GraphQLObjectType, GraphQLSchema, OperationDefinitionNode, getNamedType, isNonNullType, isObjectType, parse } from 'graphql';
import { JsonReads } from '@joinedup/graphql-kit';
import { FieldSet } from './read-generator';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

/**
 * The roots and fields JsonReads compiles today, found by asking it to compile one small
 * document per field (reached from each root by the first path that compiles): whatever
 * the compiler learns later, the generator's compilable documents follow it.
 */
export function compiledFields(schema: GraphQLSchema, reads: JsonReads): FieldSet {
  const compiles = (query: string): boolean => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    return reads.readFor(document, operation) !== null;
  };
  const roots: string[] = [];
  const fields = new Map<string, Set<string>>();
  const explore = (type: GraphQLObjectType, wrap: (selection: string) => string): void => {
    if (fields.has(type.name)) return;
    const known = new Set<string>();
    fields.set(type.name, known);
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
      const child = getNamedType(field.type);
      const selection = isObjectType(child) ? `{ ${field.name} { __typename } }` : `{ ${field.name} }`;
      if (!compiles(wrap(selection))) continue;
      known.add(field.name);
      if (isObjectType(child)) explore(child, (inner) => wrap(`{ ${field.name} ${inner} }`));
    }
  };
  for (const root of Object.values(schema.getQueryType()!.getFields())) {
    const type = getNamedType(root.type);
    if (!isObjectType(type) || !root.args.every((arg) => getNamedType(arg.type).name === 'ID')) continue;
    const args = root.args.length ? `(${root.args.map((arg) => `${arg.name}: "${SOME_ID}"`).join(', ')})` : '';
    const wrap = (selection: string) => `query { ${root.name}${args} ${selection} }`;
    if (!compiles(wrap('{ __typename }'))) continue;
    roots.push(root.name);
    explore(type, wrap);
  }
  return { roots, fields };
}
