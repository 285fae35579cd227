import { ruleSql } from './rule-sql';

describe('ruleSql', () => {
  const facts = { raiser: 'c.raiser', party: 'c.party' };

  it('names the combinations of facts for which the rule holds', () => {
    expect(ruleSql(facts, ({ raiser, party }) => raiser || party)).toBe(
      '((not c.raiser and c.party) or (c.raiser and not c.party) or (c.raiser and c.party))',
    );
    expect(ruleSql(facts, ({ party }) => party)).toBe('((not c.raiser and c.party) or (c.raiser and c.party))');
  });

  it("is 'true' or 'false' when the facts make no difference", () => {
    expect(ruleSql(facts, () => true)).toBe('true');
    expect(ruleSql(facts, () => false)).toBe('false');
    expect(ruleSql({}, () => true)).toBe('true');
  });
});
