import { OperationDefinitionNode, buildSchema, parse } from 'graphql';
import { KNOWN_READS_MAX_CHARS, KnownRead, KnownReads } from './known-reads';

const schema = buildSchema('type Query { a: Int }');
const readOf = (query: string): KnownRead => {
  const document = parse(query);
  return { schema, document, operation: document.definitions[0] as OperationDefinitionNode };
};
/** A query of about `chars` characters (a comment pads it). */
const queryOf = (name: string, chars: number) => `query ${name} { a }\n#${'x'.repeat(Math.max(0, chars - 20))}`;

describe('KnownReads', () => {
  it('finds a query by its text and the operation name the client sent, and nothing else', () => {
    const known = new KnownReads();
    const query = 'query Q { a } query R { a }';
    const read = readOf(query);
    known.remember(query, 'Q', read);
    expect(known.find(query, 'Q')).toBe(read);
    expect(known.find(query, 'R')).toBeUndefined();
    expect(known.find(query, undefined)).toBeUndefined();
    expect(known.find(`${query} `, 'Q')).toBeUndefined();
  });

  it('keeps at most its bound of text, letting the least recently used go first', () => {
    const known = new KnownReads();
    const size = KNOWN_READS_MAX_CHARS / 10;
    const queries = Array.from({ length: 10 }, (_, i) => queryOf(`Q${i}`, size - 10));
    for (const query of queries) known.remember(query, undefined, readOf('{ a }'));
    expect(known.find(queries[0], undefined)).toBeDefined();
    // Two more: the least recently used (Q1, Q2; Q0 was just read) go.
    known.remember(queryOf('More1', size - 10), undefined, readOf('{ a }'));
    known.remember(queryOf('More2', size - 10), undefined, readOf('{ a }'));
    expect(queries.map((q) => known.find(q, undefined) !== undefined)).toEqual([true, false, false, true, true, true, true, true, true, true]);
  });

  it('does not keep a query longer than a tenth of its bound', () => {
    const known = new KnownReads();
    const long = queryOf('Long', KNOWN_READS_MAX_CHARS / 10 + 100);
    known.remember(long, undefined, readOf('{ a }'));
    expect(known.find(long, undefined)).toBeUndefined();
  });
});
