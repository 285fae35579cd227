import { randomUUID } from 'node:crypto';
import { EVIDENCE_KEYS, NESTED_EVIDENCE_KEYS, evidenceRecords, evidenceRecordsFrom } from '@joinedup/governance';
import { ApiHarness } from '../support/api-harness';

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] };
}

const KEYS = [...Object.keys(EVIDENCE_KEYS), ...NESTED_EVIDENCE_KEYS, 'assignments', 'note', 'count', 'ids', 'x'];

/** Evidence as rules write it and odder: ids (repeated, upper case), lists, nesting, other values. */
function randomEvidence(seed: number): Record<string, unknown> {
  const g = generator(seed);
  const ids = Array.from({ length: 6 }, () => randomUUID());
  const leaf = (): unknown =>
    g.pick([() => g.pick(ids), () => g.pick(ids).toUpperCase(), () => 'not-an-id', () => g.int(100), () => null, () => true])();
  const value = (depth: number): unknown => {
    const kind = depth > 3 ? 0 : g.int(4);
    if (kind === 0) return leaf();
    if (kind === 1) return Array.from({ length: g.int(60) }, () => (g.int(5) ? leaf() : value(depth + 1)));
    return object(depth + 1);
  };
  const object = (depth: number): Record<string, unknown> =>
    Object.fromEntries(Array.from({ length: 1 + g.int(5) }, () => [g.pick(KEYS), value(depth)]));
  return object(0);
}

/** evidenceRecordsFrom (the compiled read's SQL) lists what evidenceRecords (execution) lists, for generated evidence. */
describe('evidence records in SQL', () => {
  let api: ApiHarness;
  beforeAll(async () => (api = await ApiHarness.start()));
  afterAll(() => api.stop());

  it('lists the same records, in the same order, as the TypeScript walk', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const [row] = await api.owner.query(
        `select f.evidence, (select coalesce(json_agg(json_build_object('type', r.type, 'id', r.id, 'role', r.role) order by r.kind, r.path), '[]')
                               ${evidenceRecordsFrom('f', 'r')}) as records
           from (select $1::jsonb as evidence) f`,
        [JSON.stringify(randomEvidence(seed))],
      );
      // The evidence as the flag's row gives it to the resolver (jsonb's key order).
      expect({ seed, records: row.records }).toEqual({ seed, records: evidenceRecords(row.evidence) });
    }
  });
});
