import { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema, buildSchema, graphql } from 'graphql';
import { prefetchedAnswer, servePrefetched, withPrefetched } from './prefetched';

/** A parent with a `child` and an `other` (each with a resolver recording its calls, as Nest attaches). */
function schemaWith(parent: GraphQLFieldResolver<unknown, unknown>, calls: string[]): GraphQLSchema {
  const schema = buildSchema(`
    type Query { parent(prefetched: Boolean! = true): Parent }
    type Parent { name: String  child(loud: Boolean): Child  other: Child }
    type Child { name: String }`);
  const fields = (schema.getType('Parent') as GraphQLObjectType).getFields();
  for (const field of ['child', 'other']) {
    fields[field].resolve = (p: { name: string }) => {
      calls.push(`${p.name}.${field}`);
      return { name: `loaded ${field}` };
    };
  }
  schema.getQueryType()!.getFields().parent.resolve = parent;
  return servePrefetched(schema);
}

const prefetchedChild = () => withPrefetched({ name: 'p' }, prefetchedAnswer('child', true, { name: 'prefetched' }));

describe('servePrefetched', () => {
  it('answers a field from its parent when prefetched, under any alias, and calls the resolver otherwise', async () => {
    const calls: string[] = [];
    const schema = schemaWith((_, args) => ((args as { prefetched: boolean }).prefetched ? prefetchedChild() : { name: 'q' }), calls);
    const result = await graphql({
      schema,
      source: `{ a: parent { child { name } again: child { name } }  b: parent(prefetched: false) { child { name } } }`,
    });
    expect(result.data).toEqual({
      a: { child: { name: 'prefetched' }, again: { name: 'prefetched' } },
      b: { child: { name: 'loaded child' } },
    });
    expect(calls).toEqual(['q.child']);
  });

  it("answers another field under the prefetched field's response key with that field's own resolver", async () => {
    const calls: string[] = [];
    const schema = schemaWith(prefetchedChild, calls);
    const result = await graphql({ schema, source: `{ parent { child: other { name } } }` });
    expect(result.data).toEqual({ parent: { child: { name: 'loaded other' } } });
    expect(calls).toEqual(['p.other']);
  });

  it('leaves the prefetched field to its resolver when it is given arguments', async () => {
    const calls: string[] = [];
    const schema = schemaWith(prefetchedChild, calls);
    const result = await graphql({ schema, source: `{ parent { child(loud: true) { name } } }` });
    expect(result.data).toEqual({ parent: { child: { name: 'loaded child' } } });
    expect(calls).toEqual(['p.child']);
  });

  it('gives nothing for a field that was not asked for', () => {
    expect(prefetchedAnswer('child', false, [])).toBeNull();
  });
});
