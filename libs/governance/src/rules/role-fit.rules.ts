import { GovernanceRule } from '../governance-rule';

/** ROLE_FIT: (rules to come). */
export const ROLE_FIT_RULES: GovernanceRule[] = [];
