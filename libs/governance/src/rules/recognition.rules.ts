import { GovernanceRule } from '../governance-rule';

/** RECOGNITION: (rules to come). */
export const RECOGNITION_RULES: GovernanceRule[] = [];
