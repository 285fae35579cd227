import { defineReasons } from '@joinedup/errors';

/** Why the registry refuses a change (`extensions.reason`). */
export const RegistryReason = defineReasons({
  /** Another locality of the tenant has this code. */
  LOCALITY_CODE_TAKEN: 'CONFLICT',
  /** The locality is archived: no new members, programmes, conflicts or health-check rounds. */
  LOCALITY_ARCHIVED: 'CONFLICT',
  /** The locality already has 40 active member bodies. */
  LOCALITY_FULL: 'CONFLICT',
  /** The body is already an active member of the locality. */
  ALREADY_A_MEMBER: 'CONFLICT',
  /** Another organisation of the tenant has this name. */
  ORGANISATION_NAME_TAKEN: 'CONFLICT',
});
