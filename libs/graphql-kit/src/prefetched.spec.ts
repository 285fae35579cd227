import { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema, buildSchema, graphql } from 'graphql';
import { answersUnder, servePrefetched, withPrefetched } from './prefetched';

/** A parent with a `child` whose resolver (what Nest attaches) records each call. */
function schemaWith(parent: GraphQLFieldResolver<unknown, unknown>, calls: string[]): GraphQLSchema {
  const schema = buildSchema(`
    type Query { parent(prefetched: Boolean! = true): Parent }
    type Parent { name: String  child: Child }
    type Child { name: String }`);
  (schema.getType('Parent') as GraphQLObjectType).getFields().child.resolve = (p: { name: string }) => {
    calls.push(p.name);
    return { name: 'loaded' };
  };
  schema.getQueryType()!.getFields().parent.resolve = parent;
  return servePrefetched(schema);
}

describe('servePrefetched', () => {
  it('answers a field from its parent when prefetched, under each alias, and calls the resolver otherwise', async () => {
    const calls: string[] = [];
    const schema = schemaWith(
      (_, args) =>
        (args as { prefetched: boolean }).prefetched
          ? withPrefetched({ name: 'p' }, answersUnder(['child', 'other'], { name: 'prefetched' }))
          : { name: 'q' },
      calls,
    );
    const result = await graphql({
      schema,
      source: `{ a: parent { child { name } other: child { name } }  b: parent(prefetched: false) { child { name } } }`,
    });
    expect(result.data).toEqual({
      a: { child: { name: 'prefetched' }, other: { name: 'prefetched' } },
      b: { child: { name: 'loaded' } },
    });
    expect(calls).toEqual(['q']);
  });

  it('leaves a field prefetched under another response key to its resolver', async () => {
    const calls: string[] = [];
    const schema = schemaWith(() => withPrefetched({ name: 'p' }, answersUnder(['other'], { name: 'x' })), calls);
    const result = await graphql({ schema, source: `{ parent { child { name } } }` });
    expect(result.data).toEqual({ parent: { child: { name: 'loaded' } } });
    expect(calls).toEqual(['p']);
  });
});
