import { OutboxWriter } from '@joinedup/database';
import { ImprovementActionStatus } from './improvement.types';

/**
 * Outbox events of improvement reviews: stored contracts, named `<area>.<what>_changed`,
 * each with the programme and locality so a governance rescan can be targeted.
 * The database trigger that schedules a programme's first review writes
 * REVIEW_CHANGED itself (migration 1764620000000), with the same payload shape.
 */
export const MEASURE_CHANGED = 'improvement.measure_changed';
export const REVIEW_CHANGED = 'improvement.review_changed';
export const ACTION_CHANGED = 'improvement.action_changed';

interface ProgrammeScoped {
  programmeId: string;
  localityId: string;
}

export interface MeasureChangedPayload extends ProgrammeScoped {
  measureId: string;
  change: 'CREATED' | 'UPDATED' | 'RETIRED' | 'REINSTATED';
}

export interface ReviewChangedPayload extends ProgrammeScoped {
  reviewId: string;
  change: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  /** SCHEDULED: when it is due. */
  dueOn?: string;
  /** COMPLETED: how many measures met and missed their target. */
  metCount?: number;
  missedCount?: number;
}

export interface ActionChangedPayload extends ProgrammeScoped {
  actionId: string;
  reviewId: string;
  change: 'CREATED' | 'UPDATED';
  status: ImprovementActionStatus;
  dueOn: string;
}

export interface ImprovementEvents {
  [MEASURE_CHANGED]: MeasureChangedPayload;
  [REVIEW_CHANGED]: ReviewChangedPayload;
  [ACTION_CHANGED]: ActionChangedPayload;
}

/** Records an improvement event with the payload its name calls for. */
export function recordImprovementEvent<K extends keyof ImprovementEvents>(
  outbox: OutboxWriter,
  type: K,
  payload: ImprovementEvents[K],
): Promise<string> {
  return outbox.record(type, { ...payload });
}
