import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BARRIERS } from '../barriers';
import { ruleSql } from '../governance-rule';
import { GOVERNANCE_RULES } from '.';

/** The rules are data: these checks keep every entry complete and consistent. */
describe('the rule catalogue', () => {
  it('has unique codes in capitals and at least one rule per barrier', () => {
    const codes = GOVERNANCE_RULES.map((rule) => rule.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z_]{2,63}$/);
    for (const barrier of BARRIERS) expect(GOVERNANCE_RULES.some((rule) => rule.barrier === barrier)).toBe(true);
  });

  it.each(GOVERNANCE_RULES.map((rule) => [rule.code, rule] as const))('%s: defaults within bounds, thresholds named in its description and used in its SQL', (_code, rule) => {
    for (const [name, spec] of Object.entries(rule.thresholds)) {
      expect(spec.min).toBeLessThanOrEqual(spec.default);
      expect(spec.default).toBeLessThanOrEqual(spec.max);
      expect(rule.description).toContain(`\`${name}\``);
    }
    const sql = rule.sql(ruleSql(rule, 'locality'));
    for (const name of Object.keys(rule.thresholds)) expect(sql).toContain(`'${name}')`);
    // Every statement is limited to the scanned locality, except those that judge across localities.
    if (!rule.tenantWide) expect(sql).toMatch(/= \$2::uuid/);
    expect(sql).not.toMatch(/\bnow\(\)|current_date|current_timestamp/i);
  });
});

describe('docs/governance.md', () => {
  const doc = readFileSync(join(__dirname, '../../../../docs/governance.md'), 'utf8');

  it.each(GOVERNANCE_RULES.map((rule) => [rule.code, rule] as const))('explains %s with its current description and defaults', (_code, rule) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${rule.code}\` |`));
    expect(row).toBeDefined();
    expect(row).toContain(` ${rule.barrier} `);
    expect(row).toContain(rule.description);
    for (const [name, spec] of Object.entries(rule.thresholds)) expect(row).toContain(`\`${name}\` ${spec.default} (${spec.min}–${spec.max}`);
  });
});
