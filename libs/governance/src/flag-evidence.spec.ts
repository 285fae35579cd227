import { ruleSql } from './governance-rule';
import { GOVERNANCE_RULES } from './rules';
import { EVIDENCE_KEYS, EvidenceRecordType, NESTED_EVIDENCE_KEYS } from './flag-evidence';

describe('flag evidence records', () => {
  it.each(GOVERNANCE_RULES.map((rule) => [rule.code, rule] as const))('%s: every id its evidence names has a record type, or is shown within one', (_code, rule) => {
    const sql = rule.sql(ruleSql(rule, 'locality'));
    const keys = [...sql.matchAll(/'([a-zA-Z]+Ids?)'/g)].map((m) => m[1]);
    for (const key of keys) expect([key, key in EVIDENCE_KEYS || NESTED_EVIDENCE_KEYS.includes(key)]).toEqual([key, true]);
  });

  it('names every record type from some evidence key', () => {
    expect(new Set(Object.values(EVIDENCE_KEYS))).toEqual(new Set(Object.values(EvidenceRecordType)));
  });
});
