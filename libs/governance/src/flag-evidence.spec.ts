import { ruleSql } from './governance-rule';
import { GOVERNANCE_RULES } from './rules';
import { EVIDENCE_KEYS, EvidenceRecordType, MAX_EVIDENCE_RECORDS, NESTED_EVIDENCE_KEYS, evidenceRecords } from './flag-evidence';

const A = '0b6f1f3e-2c1a-4d3b-9e8f-1a2b3c4d5e6f';
const B = '1c7a2b4f-3d2b-4e4c-8f90-2b3c4d5e6f70';

describe('flag evidence records', () => {
  it.each(GOVERNANCE_RULES.map((rule) => [rule.code, rule] as const))('%s: every id its evidence names has a record type, or is shown within one', (_code, rule) => {
    const sql = rule.sql(ruleSql(rule, 'locality'));
    const keys = [...sql.matchAll(/'([a-zA-Z]+Ids?)'/g)].map((m) => m[1]);
    for (const key of keys) expect([key, key in EVIDENCE_KEYS || NESTED_EVIDENCE_KEYS.includes(key)]).toEqual([key, true]);
  });

  it('names every record type from some evidence key', () => {
    expect(new Set(Object.values(EVIDENCE_KEYS))).toEqual(new Set(Object.values(EvidenceRecordType)));
  });

  it('reads ids from lists and nested objects, each once, skipping what is not an id', () => {
    const evidence = {
      programmeId: A,
      opposingOrganisationIds: [A, B, A, 'x'],
      assignments: [{ assignmentId: B, roleId: A, programmeId: A }],
      reviews: [{ reviewId: B, completedOn: '2026-01-01' }],
      nominationId: B,
      opposedSince: '2026-01-01',
    };
    expect(evidenceRecords(evidence)).toEqual([
      { type: 'PROGRAMME', id: A, role: 'programmeId' },
      { type: 'PROGRAMME_ROLE', id: A, role: 'roleId' },
      { type: 'IMPROVEMENT_REVIEW', id: B, role: 'reviewId' },
      { type: 'ORGANISATION', id: A, role: 'opposingOrganisationIds' },
      { type: 'ORGANISATION', id: B, role: 'opposingOrganisationIds' },
    ]);
    expect(evidenceRecords(null)).toEqual([]);
  });

  it('lists at most MAX_EVIDENCE_RECORDS', () => {
    const ids = Array.from({ length: 80 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(evidenceRecords({ declinedRequestIds: ids })).toHaveLength(MAX_EVIDENCE_RECORDS);
  });
});
