import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldNode, Kind, OperationDefinitionNode, SelectionSetNode, buildSchema, parse, validate, visit } from 'graphql';
import { firstDifference } from './answer-difference';
import { shrink, smallerDocuments } from './document-shrinker';
import { IdPools, UNGENERATED_ROOTS, generateReads, mulberry32 } from './read-generator';

const schema = buildSchema(readFileSync(join(__dirname, '../../schema.graphql'), 'utf8'));
const LOCALITY = '11111111-1111-4111-8111-111111111111';
const pools: IdPools = { ours: { Locality: [LOCALITY], Programme: ['22222222-2222-4222-8222-222222222222'] }, theirs: { Locality: ['33333333-3333-4333-8333-333333333333'] } };

/** Levels of fields below the root field, fragments flattened. */
function depthBelowRoot(query: string): number {
  const document = parse(query);
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])));
  const depth = (set: SelectionSetNode | undefined): number =>
    Math.max(0, ...(set?.selections ?? []).map((s) => {
      if (s.kind === Kind.FIELD) return s.selectionSet ? 1 + depth(s.selectionSet) : 1;
      return depth(s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)!.selectionSet);
    }));
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return depth((operation.selectionSet.selections[0] as FieldNode).selectionSet);
}

/** Whether one selection set asks the same field under two response keys. */
function asksAFieldTwice(query: string): boolean {
  let twice = false;
  visit(parse(query), {
    SelectionSet(node) {
      const names = node.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
      twice ||= new Set(names).size < names.length;
    },
  });
  return twice;
}

describe('generated reads', () => {
  const reads = generateReads(schema, 300, { seed: 7, pools });

  it('are valid documents of the schema, with every variable given', () => {
    for (const { query, variables } of reads) {
      const document = parse(query);
      expect(validate(schema, document).map((e) => `${e.message}\n${query}`)).toEqual([]);
      const declared: string[] = [];
      visit(document, { VariableDefinition: (node) => void declared.push(node.variable.name.value) });
      expect(declared.sort()).toEqual(Object.keys(variables).sort());
    }
  });

  it('are the same for the same seed, and others for another', () => {
    expect(generateReads(schema, 20, { seed: 7, pools })).toEqual(reads.slice(0, 20));
    expect(generateReads(schema, 20, { seed: 8, pools })).not.toEqual(reads.slice(0, 20));
  });

  it('stay within five levels below the root and reach it', () => {
    const depths = reads.map((r) => depthBelowRoot(r.query));
    expect(Math.max(...depths)).toBe(5);
  });

  it('use aliases (one key for different fields at different levels), fragments, directives and __typename', () => {
    const all = reads.map((r) => r.query).join('\n');
    expect(all).toMatch(/\bfragment F\d+ on \w+/);
    expect(all).toMatch(/\.\.\. on \w+ \{/);
    expect(all).toMatch(/@include\(if: \$v\d+\)/);
    expect(all).toMatch(/@skip\(if: (true|false)\)/);
    expect(all).toMatch(/__typename/);
    expect(all).toMatch(/\bleader: (?!leader)\w+/);
    expect(reads.some((r) => asksAFieldTwice(r.query))).toBe(true);
  });

  it('ask for ids of the right type, of another tenant, made up and malformed', () => {
    const ids = reads.flatMap((r) => Object.values(r.variables).concat([...r.query.matchAll(/id: "([^"]+)"/g)].map((m) => m[1])));
    expect(ids).toContain(LOCALITY);
    expect(ids).toContain(pools.theirs.Locality[0]);
    expect(ids).toContain('not-an-id');
    expect(ids.some((id) => typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) && id !== LOCALITY)).toBe(true);
  });

  it('leave out the root fields opened with a secret or answering CSV', () => {
    for (const root of Object.keys(UNGENERATED_ROOTS)) {
      expect(reads.some((r) => new RegExp(`[{:]\\s*${root}\\b`).test(r.query))).toBe(false);
    }
  });

  it('in plain form ask only the roots and fields given, with no directives or arguments below the root', () => {
    const only = { roots: ['locality'], fields: new Map([['Locality', new Set(['name', 'programmes'])], ['Programme', new Set(['name', 'locality'])]]) };
    for (const { query } of generateReads(schema, 50, { seed: 3, pools, plain: true, only })) {
      expect(query).toMatch(/^query[^{]*\{ (\w+: )?locality\(id: [^)]+\)/);
      expect(query).not.toMatch(/@(include|skip)/);
      expect(query.replace(/^query\([^)]*\)/, '').replace(/locality\(id: [^)]+\)/g, '')).not.toContain('(');
      const asked = new Set<string>();
      visit(parse(query), { Field: (node) => void asked.add(node.name.value) });
      expect([...asked].filter((name) => !['locality', 'name', 'programmes', '__typename'].includes(name))).toEqual([]);
    }
  });

  it('are generated fast', () => {
    const started = performance.now();
    generateReads(schema, 500, { seed: 11, pools });
    // About 1 ms each when the machine is idle.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('mulberry32', () => {
  it('gives numbers in [0, 1), the same for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('firstDifference', () => {
  it('finds the first differing path, key order included', () => {
    expect(firstDifference({ data: { a: [{ b: 1 }, { b: 2 }] } }, { data: { a: [{ b: 1 }, { b: 3 }] } })).toBe('data.a[1].b: 2 ≠ 3');
    expect(firstDifference({ data: { a: 1, b: 2 } }, { data: { b: 2, a: 1 } })).toBe('data: keys a,b ≠ b,a');
    expect(firstDifference({ data: { a: [1] } }, { data: { a: [1, 2] } })).toBe('data.a: 1 items ≠ 2 items');
    expect(firstDifference({ data: { a: null } }, { data: { a: {} } })).toBe('data.a: null ≠ {}');
  });

  it('compares errors by path, code and message, in any order', () => {
    const one = { message: 'Not found', path: ['a', 0], extensions: { code: 'NOT_FOUND' } };
    const two = { message: 'Nope', path: ['b'], extensions: { code: 'FORBIDDEN' } };
    expect(firstDifference({ data: null, errors: [one, two] }, { data: null, errors: [two, one] })).toBeNull();
    expect(firstDifference({ errors: [one] }, { errors: [{ ...one, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })).toMatch(/^errors\[0\] .*NOT_FOUND.*INTERNAL_SERVER_ERROR/);
    expect(firstDifference({ errors: [one] }, {})).toMatch(/^errors\[0\] \(of 1 and 0\)/);
  });
});

describe('document shrinking', () => {
  const query = `query($v1: Boolean!, $id: ID!) { locality(id: $id) { name ...F1 programmes { id leader @include(if: $v1) { id } } } }
    fragment F1 on Locality { code }`;

  it('offers valid documents one selection smaller, dropping what is left unused', () => {
    const smaller = smallerDocuments(schema, query);
    for (const candidate of smaller) expect(validate(schema, parse(candidate))).toEqual([]);
    expect(smaller.some((c) => !c.includes('fragment F1') && !c.includes('...F1'))).toBe(true);
    expect(smaller.some((c) => !c.includes('$v1'))).toBe(true);
    expect(smaller.every((c) => c.includes('locality(id: $id)'))).toBe(true);
  });

  it('shrinks to the smallest document that still fails', async () => {
    const smallest = await shrink(schema, query, async (candidate) => candidate.includes('leader'));
    expect(smallest.replace(/\s+/g, ' ')).toBe('query ($v1: Boolean!, $id: ID!) { locality(id: $id) { programmes { leader @include(if: $v1) { id } } } }');
  });
});
