import { ruleSql } from '@joinedup/graphql-kit';
import { REGISTRY_MANAGERS } from '@joinedup/registry';
import { ConflictAction, ConflictState, ConflictStatus, allowedActions, mayTake } from './conflict-lifecycle';

/** SQL booleans (never null) and the status of the conflict being read, for allowedActionsSql. */
export interface ConflictActionFacts {
  status: string;
  /** In resolution at a stage before its process version's last. */
  hasNextStage: string;
  /** The caller represents the raising body. */
  raiser: string;
  /** The caller represents one of the other parties. */
  party: string;
}

/** A state of each kind allowedActions tells apart: with a next stage to escalate to, or without. */
export const stateOf = (status: ConflictStatus, hasNextStage: boolean): ConflictState =>
  hasNextStage ? { status, currentStage: 1, stageCount: 2 } : { status, currentStage: null, stageCount: null };

/**
 * What the caller may do to a conflict now (the resolver's allowedActions ∘ mayTake) as SQL
 * writing the json array it answers, for a caller of `role`. Derived from the lifecycle's
 * rules, never restated: they are evaluated here for every status, with and without a next
 * stage, and for every raiser/party combination of the actor.
 */
export function allowedActionsSql(role: string, facts: ConflictActionFacts): string {
  const manager = (REGISTRY_MANAGERS as readonly string[]).includes(role);
  const who = (action: ConflictAction): string =>
    ruleSql({ raiser: facts.raiser, party: facts.party }, ({ raiser, party }) => mayTake({ manager, raiser, party }, action));
  const array = (state: ConflictState): string => {
    const items = allowedActions(state).flatMap((action) => {
      const condition = who(action);
      if (condition === 'false') return [];
      return [condition === 'true' ? `'"${action}"'` : `case when ${condition} then '"${action}"' end`];
    });
    return items.length ? `concat('[', concat_ws(',', ${items.join(', ')}), ']')` : `'[]'`;
  };
  const cases = Object.values(ConflictStatus).map((status) => {
    const [without, withNext] = [array(stateOf(status, false)), array(stateOf(status, true))];
    const value = without === withNext ? without : `case when ${facts.hasNextStage} then ${withNext} else ${without} end`;
    return `when '${status}' then ${value}`;
  });
  return `(case ${facts.status} ${cases.join(' ')} end)::json`;
}
