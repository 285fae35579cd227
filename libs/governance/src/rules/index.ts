import { GovernanceRule } from '../governance-rule';
import { COMMUNICATION_RULES } from './communication.rules';
import { CONFLICT_RESOLUTION_RULES } from './conflict-resolution.rules';
import { CONTINUOUS_IMPROVEMENT_RULES } from './continuous-improvement.rules';
import { FLEXIBILITY_RULES } from './flexibility.rules';
import { LEADERSHIP_RULES } from './leadership.rules';
import { RECOGNITION_RULES } from './recognition.rules';
import { ROLE_FIT_RULES } from './role-fit.rules';

/** Every built-in rule, grouped by barrier; a new rule is one entry in its barrier's file. */
export const GOVERNANCE_RULES: readonly GovernanceRule[] = [
  ...LEADERSHIP_RULES,
  ...CONFLICT_RESOLUTION_RULES,
  ...ROLE_FIT_RULES,
  ...CONTINUOUS_IMPROVEMENT_RULES,
  ...COMMUNICATION_RULES,
  ...FLEXIBILITY_RULES,
  ...RECOGNITION_RULES,
];

export const RULES_BY_CODE: ReadonlyMap<string, GovernanceRule> = new Map(GOVERNANCE_RULES.map((rule) => [rule.code, rule]));
