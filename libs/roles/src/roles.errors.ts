import { defineReasons } from '@joinedup/errors';

/** Why programme roles refuse a change (`extensions.reason`). */
export const RoleReason = defineReasons({
  /** The programme already has the most roles it may have; retire one first. */
  TOO_MANY_ROLES: 'CONFLICT',
  /** The programme already has a role of this title. */
  ROLE_TITLE_TAKEN: 'CONFLICT',
  /** The role has been retired; define a new role instead. */
  ROLE_RETIRED: 'CONFLICT',
  /** The role has a holder; vacate it first (with a reason) to assign someone else. */
  ROLE_HELD: 'CONFLICT',
  /** The role has no holder to vacate. */
  ROLE_VACANT: 'CONFLICT',
});
