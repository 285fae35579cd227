import { OutboxWriter } from '@joinedup/database';
import { AlignmentStatus } from './alignment-lifecycle';
import { AlignmentKind } from './alignment.types';

/**
 * Outbox events of alignment requests: a stored contract (the governance engine and its
 * rescans read them), so names and payloads change only by adding. Each carries the
 * programme and locality, and both organisations, so a flexibility rescan can be targeted.
 * No payload carries a request's title, description or reasons.
 */

/** A request was made, answered (agreed or declined), recorded as adapted, or withdrawn. */
export const ALIGNMENT_REQUEST_CHANGED = 'alignment.request_changed';
// A type, not an interface: it must be assignable to the outbox's Record<string, unknown>.
export type AlignmentRequestChangedPayload = {
  programmeId: string;
  localityId: string;
  requestId: string;
  requestingOrganisationId: string;
  targetOrganisationId: string;
  change: 'REQUESTED' | 'AGREED' | 'DECLINED' | 'ADAPTED' | 'WITHDRAWN';
  status: AlignmentStatus;
  kind: AlignmentKind;
  /** YYYY-MM-DD the answer is (or was) due. */
  responseDueOn: string;
  /** AGREED and after: YYYY-MM-DD the adaptation is planned for. */
  plannedOn: string | null;
  /** ADAPTED: YYYY-MM-DD the target adapted. */
  adaptedOn: string | null;
};

export interface AlignmentEvents {
  [ALIGNMENT_REQUEST_CHANGED]: AlignmentRequestChangedPayload;
}

/** Records an alignment event with the payload its name calls for. */
export function recordAlignmentEvent<K extends keyof AlignmentEvents>(
  outbox: OutboxWriter,
  type: K,
  payload: AlignmentEvents[K],
): Promise<string> {
  return outbox.record(type, { ...payload });
}
