import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evidenceLinks, MAX_EVIDENCE_LINKS } from './evidence-links';
import { EVIDENCE_ID_KEYS, recordHref } from './record-links';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('evidence links', () => {
  it('gives every id key the rules put in evidence an address', () => {
    const rules = join(__dirname, '../../../governance/src/rules');
    const keys = new Set<string>();
    for (const file of readdirSync(rules).filter((f) => f.endsWith('.rules.ts'))) {
      for (const [, key] of readFileSync(join(rules, file), 'utf8').matchAll(/'([a-zA-Z]+Ids?)'/g)) keys.add(key);
    }
    expect(keys.size).toBeGreaterThan(20);
    expect([...keys].filter((key) => !EVIDENCE_ID_KEYS[key])).toEqual([]);
  });

  it('links each record once, in order, numbering several of a type, inside nested lists', () => {
    const evidence = {
      programmeId: id(1),
      briefingIds: [id(2), id(3)],
      unacknowledgedBriefingIds: [id(3)],
      actions: [{ actionId: id(4), dueOn: '2026-01-01' }],
      since: '2026-01-01',
    };
    expect(evidenceLinks(evidence, [id(1)])).toEqual([
      { type: 'briefing', id: id(2), href: `/records/briefings/${id(2)}`, text: 'Briefing 1' },
      { type: 'briefing', id: id(3), href: `/records/briefings/${id(3)}`, text: 'Briefing 2' },
      { type: 'improvementAction', id: id(4), href: `/records/improvement-actions/${id(4)}`, text: 'Improvement action' },
    ]);
  });

  it('ignores what is not an id and bounds the list', () => {
    expect(evidenceLinks({ conflictId: 'not-an-id', personId: null })).toEqual([]);
    expect(evidenceLinks(null)).toEqual([]);
    const many = { milestoneIds: Array.from({ length: 30 }, (_, i) => id(i + 1)) };
    expect(evidenceLinks(many)).toHaveLength(MAX_EVIDENCE_LINKS);
  });

  it('addresses records in kebab-case plural', () => {
    expect(recordHref('roleAssignment', id(9))).toBe(`/records/role-assignments/${id(9)}`);
    expect(recordHref('alignmentRequest', id(9))).toBe(`/records/alignment-requests/${id(9)}`);
  });
});
