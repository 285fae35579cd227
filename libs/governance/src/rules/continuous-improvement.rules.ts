import { GovernanceRule } from '../governance-rule';

/** CONTINUOUS_IMPROVEMENT: (rules to come). */
export const CONTINUOUS_IMPROVEMENT_RULES: GovernanceRule[] = [];
