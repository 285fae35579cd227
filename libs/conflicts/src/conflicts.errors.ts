import { defineReasons } from '@joinedup/errors';

/** Why the conflict log refuses a change (`extensions.reason`). */
export const ConflictReason = defineReasons({
  /** The caller's role or body has no part in this step of the conflict (see the message for who has). */
  NOT_INVOLVED_IN_CONFLICT: 'FORBIDDEN',
  /** The conflict's status does not allow this step (e.g. resolving an OPEN conflict). */
  CONFLICT_STEP_NOT_ALLOWED: 'CONFLICT',
  /** No agreed resolution process applies (programme or locality), or its stages are already agreed. */
  NO_AGREED_PROCESS: 'CONFLICT',
  /** Someone else changed the conflict at the same moment; reload and retry. */
  CONFLICT_CHANGED_MEANWHILE: 'CONFLICT',
});
