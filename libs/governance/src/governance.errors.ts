import { defineReasons } from '@joinedup/errors';

/** Why the governance engine refuses a change (`extensions.reason`). */
export const GovernanceReason = defineReasons({
  /** The flag resolved itself (its cause cleared): it can no longer be acknowledged or dismissed. */
  FLAG_RESOLVED: 'CONFLICT',
  /** The flag is already dismissed; it opens again when its evidence changes. */
  FLAG_ALREADY_DISMISSED: 'CONFLICT',
});
