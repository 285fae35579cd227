import { defineReasons } from '@joinedup/errors';

/** Why the health check refuses a change or an answer (`extensions.reason`). */
export const HealthCheckReason = defineReasons({
  /** Too many tries from one network address; the message says when to try again. */
  TOO_MANY_TRIES: 'FORBIDDEN',
  /** The round is closed: no more invitations. */
  ROUND_CLOSED: 'CONFLICT',
  /** The round has not opened yet: the link works from its opening day. */
  ROUND_NOT_OPEN_YET: 'CONFLICT',
  /** Results asked of neither or both of a locality and a programme: give exactly one. */
  LOCALITY_OR_PROGRAMME: 'BAD_USER_INPUT',
});
