import { randomUUID } from 'node:crypto';
import {
  EVIDENCE_KEYS,
  EvidenceRecordType,
  MAX_EVIDENCE_RECORDS,
  NESTED_EVIDENCE_KEYS,
  EVIDENCE_RECORDS_FUNCTION,
} from '@joinedup/governance';
import { ApiHarness } from '../support/api-harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a flag's evidence records are, said plainly (the reference the SQL is held to): the
 * ids of EVIDENCE_KEYS (each a list or one), walking every other key, list and object,
 * depth first in the parsed evidence's key order; each record once, at most
 * MAX_EVIDENCE_RECORDS of them, then by kind in EvidenceRecordType's order.
 */
function reference(evidence: unknown): { type: string; id: string; role: string }[] {
  const found: { type: string; id: string; role: string }[] = [];
  const seen = new Set<string>();
  const add = (type: string, id: unknown, role: string) => {
    if (typeof id !== 'string' || !UUID.test(id) || seen.has(`${type}:${id}`) || found.length >= MAX_EVIDENCE_RECORDS) return;
    seen.add(`${type}:${id}`);
    found.push({ type, id, role });
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      const type = Object.prototype.hasOwnProperty.call(EVIDENCE_KEYS, key) ? EVIDENCE_KEYS[key] : undefined;
      if (type) (Array.isArray(inner) ? inner : [inner]).forEach((id) => add(type, id, key));
      else walk(inner);
    }
  };
  walk(evidence);
  const order: string[] = Object.values(EvidenceRecordType);
  return found.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}

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

/** The stored evidence records (EVIDENCE_RECORDS_FUNCTION, made of evidenceRecordsFrom; both read paths read its column) against the reference walk. */
describe('evidence records in SQL', () => {
  let api: ApiHarness;
  beforeAll(async () => (api = await ApiHarness.start()));
  afterAll(() => api.stop());

  /** The records of `evidence` as the SQL lists them, and the evidence as jsonb gives it back (its key order). */
  async function recordsOf(evidence: unknown): Promise<{ evidence: unknown; records: unknown[] }> {
    const [row] = await api.owner.query(
      `select f.evidence, ${EVIDENCE_RECORDS_FUNCTION}(f.evidence) as records from (select $1::jsonb as evidence) f`,
      [JSON.stringify(evidence)],
    );
    return row;
  }

  it('reads ids from lists and nested objects, each once, skipping what is not an id, at most 50', async () => {
    const [a, b] = ['0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f', '1c7a2b4f-3d2b-4e4c-8f90-2b3c4d5e6f70'];
    const evidence = {
      programmeId: a,
      opposingOrganisationIds: [a, b, a, 'x'],
      assignments: [{ assignmentId: b, roleId: a, programmeId: a }],
      reviews: [{ reviewId: b, completedOn: '2026-01-01' }],
      nominationId: b,
      opposedSince: '2026-01-01',
    };
    expect((await recordsOf(evidence)).records).toEqual([
      { type: 'PROGRAMME', id: a, role: 'programmeId' },
      { type: 'PROGRAMME_ROLE', id: a, role: 'roleId' },
      { type: 'IMPROVEMENT_REVIEW', id: b, role: 'reviewId' },
      { type: 'ORGANISATION', id: a, role: 'opposingOrganisationIds' },
      { type: 'ORGANISATION', id: b, role: 'opposingOrganisationIds' },
    ]);
    expect((await recordsOf({})).records).toEqual([]);
    const ids = Array.from({ length: 80 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await recordsOf({ declinedRequestIds: ids })).records).toHaveLength(MAX_EVIDENCE_RECORDS);
  });

  it('lists what the reference walk lists, in its order, for generated evidence', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { evidence, records } = await recordsOf(randomEvidence(seed));
      expect({ seed, records }).toEqual({ seed, records: reference(evidence) });
    }
  });
});
