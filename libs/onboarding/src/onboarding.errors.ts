import { defineReasons } from '@joinedup/errors';

/** Why onboarding refuses (`extensions.reason`). */
export const OnboardingReason = defineReasons({
  /** The registry (or the file) changed between the preview and applying it. */
  PLAN_CHANGED: 'CONFLICT',
});
