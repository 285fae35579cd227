import { OutboxWriter } from '@joinedup/database';
import { RecognitionVisibility } from './recognition.rules';

/**
 * Outbox events of milestones and recognition: stored contracts (the governance engine and
 * rescans read them), named `<area>.<what>_changed`, each with the programme and locality
 * so a rescan can be targeted. Names and payloads change only by adding.
 */

/** A milestone was created, changed (name, due date, contributors) or achieved. */
export const MILESTONE_CHANGED = 'recognition.milestone_changed';
export interface MilestoneChangedPayload {
  programmeId: string;
  localityId: string;
  milestoneId: string;
  change: 'CREATED' | 'UPDATED' | 'ACHIEVED';
  dueOn: string;
  achievedOn: string | null;
  contributorIds: string[];
}

/** A recognition was recorded. */
export const RECOGNITION_CHANGED = 'recognition.recognition_changed';
export interface RecognitionChangedPayload {
  programmeId: string;
  localityId: string;
  recognitionId: string;
  change: 'RECORDED';
  milestoneId: string | null;
  /** The organisation credited, or the credited person's organisation. */
  recipientOrganisationId: string;
  creditedPersonId: string | null;
  giverOrganisationId: string;
  givenOn: string;
  visibleIn: RecognitionVisibility[];
}

export interface RecognitionEvents {
  [MILESTONE_CHANGED]: MilestoneChangedPayload;
  [RECOGNITION_CHANGED]: RecognitionChangedPayload;
}

/** Records a milestones-and-recognition event with the payload its name calls for. */
export function recordRecognitionEvent<K extends keyof RecognitionEvents>(
  outbox: OutboxWriter,
  type: K,
  payload: RecognitionEvents[K],
): Promise<string> {
  return outbox.record(type, { ...payload });
}
