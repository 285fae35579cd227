import { defineReasons } from '@joinedup/errors';

/** Why a signed-in caller is refused (`extensions.reason`). */
export const AccessReason = defineReasons({
  /** The operation's @Roles do not include the caller's role. */
  ROLE_NOT_ALLOWED: 'FORBIDDEN',
  /** A member organisation representative acted for another organisation. */
  OWN_ORGANISATION_ONLY: 'FORBIDDEN',
});
