import { defineReasons } from '@joinedup/errors';

/** Why briefings refuse a change (`extensions.reason`). */
export const BriefingReason = defineReasons({
  /** Only coordinators, tenant administrators and representatives of the body whose person leads the programme issue its briefings. */
  NOT_THE_LEADING_BODY: 'FORBIDDEN',
  /** The briefing was not sent to the caller's body. */
  NOT_A_RECIPIENT: 'FORBIDDEN',
  /** No body takes part in the programme yet: there is nobody to brief. */
  NO_PARTICIPANTS: 'CONFLICT',
});
