import { GovernanceRule } from '../governance-rule';

/** COMMUNICATION: (rules to come). */
export const COMMUNICATION_RULES: GovernanceRule[] = [];
