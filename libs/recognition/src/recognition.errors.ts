import { defineReasons } from '@joinedup/errors';

/** Why milestones and recognitions refuse a change (`extensions.reason`). */
export const RecognitionReason = defineReasons({
  /** The programme already has the most milestones it may have (see the message). */
  TOO_MANY_MILESTONES: 'CONFLICT',
  /** The milestone was already achieved; give achievedOn to correct the date. */
  MILESTONE_ALREADY_ACHIEVED: 'CONFLICT',
  /** The programme already has a milestone of this name. */
  MILESTONE_NAME_TAKEN: 'CONFLICT',
});
