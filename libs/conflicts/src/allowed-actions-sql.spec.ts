import { ConflictAction, ConflictStatus, allowedActions } from './conflict-lifecycle';
import { allowedActionsSql, stateOf } from './allowed-actions-sql';

describe('allowedActionsSql', () => {
  it('evaluates the lifecycle in a state of every kind allowedActions tells apart', () => {
    const stages = [null, 1, 2, 3];
    for (const status of Object.values(ConflictStatus)) {
      for (const currentStage of stages) {
        for (const stageCount of stages) {
          const hasNext = currentStage !== null && stageCount !== null && currentStage < stageCount;
          expect(allowedActions({ status, currentStage, stageCount })).toEqual(allowedActions(stateOf(status, hasNext)));
        }
      }
    }
  });

  const facts = { status: 'c.status', hasNextStage: 'c.next', raiser: 'c.raiser', party: 'c.party' };

  it('lets a coordinator take every action the state allows, with no condition on who they are', () => {
    const sql = allowedActionsSql('COORDINATOR', facts);
    expect(sql).toContain(`when 'OPEN' then concat('[', concat_ws(',', '"${ConflictAction.ACKNOWLEDGE}"', '"${ConflictAction.COMMENT}"'), ']')`);
    expect(sql).not.toContain('c.raiser');
  });

  it("asks of a representative whether they raised it or are a party, and never offers what only coordinators do", () => {
    const sql = allowedActionsSql('MEMBER_REPRESENTATIVE', facts);
    expect(sql).toContain(`case when ((not c.raiser and c.party) or (c.raiser and c.party)) then '"ACKNOWLEDGE"' end`);
    expect(sql).not.toContain('"RESOLVE"');
    expect(sql).toContain(`when 'RESOLVED' then '[]'`);
  });
});
