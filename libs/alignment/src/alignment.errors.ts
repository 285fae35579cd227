import { defineReasons } from '@joinedup/errors';

/** Why alignment requests refuse a change (`extensions.reason`). */
export const AlignmentReason = defineReasons({
  /** The caller's body is neither the requesting nor the addressed one, as this step needs. */
  NOT_INVOLVED_IN_REQUEST: 'FORBIDDEN',
  /** The request's status does not allow this step (e.g. adapting a declined request). */
  REQUEST_STEP_NOT_ALLOWED: 'CONFLICT',
  /** Someone else changed the request at the same moment; reload and retry. */
  REQUEST_CHANGED_MEANWHILE: 'CONFLICT',
});
