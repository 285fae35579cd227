import { defineReasons } from '@joinedup/errors';

/** Why improvement reviews and measures refuse a change (`extensions.reason`). */
export const ImprovementReason = defineReasons({
  /** The review was completed, cancelled or is otherwise no longer scheduled; the message says which. */
  REVIEW_NOT_SCHEDULED: 'CONFLICT',
  /** The programme already has a review scheduled. */
  REVIEW_ALREADY_SCHEDULED: 'CONFLICT',
  /** The programme already has a measure of this name. */
  MEASURE_NAME_TAKEN: 'CONFLICT',
});
