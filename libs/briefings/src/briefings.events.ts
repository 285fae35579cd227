import { OutboxWriter } from '@joinedup/database';
import { CascadeLevel } from './briefing-rules';

/**
 * Outbox events of briefings: a stored contract (the governance engine and its rescans
 * read them), so names and payloads change only by adding. Each names the programme and
 * its locality, so a rescan can be targeted. No payload carries a briefing's text or a note.
 */

/** A briefing was issued to the organisations taking part in its programme. */
export const BRIEFING_CHANGED = 'briefings.briefing_changed';
export interface BriefingChangedPayload {
  programmeId: string;
  localityId: string;
  briefingId: string;
  change: 'ISSUED';
  /** YYYY-MM-DD */
  issuedOn: string;
  recipientCount: number;
}

/** A recipient organisation acknowledged a briefing, for the first time or again (the latest counts). */
export const BRIEFING_ACKNOWLEDGEMENT_CHANGED = 'briefings.acknowledgement_changed';
export interface BriefingAcknowledgementChangedPayload {
  programmeId: string;
  localityId: string;
  briefingId: string;
  organisationId: string;
  acknowledgementId: string;
  change: 'ACKNOWLEDGED' | 'REACKNOWLEDGED';
  cascade: CascadeLevel;
}

export interface BriefingEvents {
  [BRIEFING_CHANGED]: BriefingChangedPayload;
  [BRIEFING_ACKNOWLEDGEMENT_CHANGED]: BriefingAcknowledgementChangedPayload;
}

/** Records a briefings event with the payload its name calls for, in the transaction of the change. */
export function recordBriefingEvent<K extends keyof BriefingEvents>(
  outbox: OutboxWriter,
  type: K,
  payload: BriefingEvents[K],
): Promise<string> {
  return outbox.record(type, { ...payload });
}
