import { GovernanceRule } from '../governance-rule';

/** FLEXIBILITY: (rules to come). */
export const FLEXIBILITY_RULES: GovernanceRule[] = [];
