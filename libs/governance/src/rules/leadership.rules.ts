import { GovernanceRule } from '../governance-rule';

/** LEADERSHIP: (rules to come). */
export const LEADERSHIP_RULES: GovernanceRule[] = [];
