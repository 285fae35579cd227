import { defineReasons } from '@joinedup/errors';

/** Why programmes and their leadership refuse a change (`extensions.reason`). */
export const ProgrammeReason = defineReasons({
  /** The programme is closed: no new nominations, roles, briefings, alignment requests, measures, milestones or other changes. */
  PROGRAMME_CLOSED: 'CONFLICT',
  /** The caller's body does not take part in the programme. */
  NOT_A_PARTICIPANT: 'FORBIDDEN',
  /** The body already takes part in the programme. */
  ALREADY_A_PARTICIPANT: 'CONFLICT',
  /** The programme has an open nomination; it must be decided or withdrawn first. */
  NOMINATION_ALREADY_OPEN: 'CONFLICT',
  /** The nomination was already decided or withdrawn. */
  NOMINATION_NOT_OPEN: 'CONFLICT',
  /** Only coordinators, tenant administrators and whoever made a nomination can withdraw it. */
  NOT_THE_NOMINATOR: 'FORBIDDEN',
  /** There is no agreed leader to re-confirm. */
  NO_AGREED_LEADER: 'CONFLICT',
});
