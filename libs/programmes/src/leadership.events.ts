import { OutboxWriter } from '@joinedup/database';
import { EndorsementPosition } from './agreement';
import { NominationKind } from './programme.types';

/**
 * Outbox events of programme leadership: a stored contract read by the governance jobs.
 * Every payload names the programme and its locality, so a rescan can be targeted.
 */
export const NOMINATION_CHANGED = 'leadership.nomination_changed';
export const ENDORSEMENT_CHANGED = 'leadership.endorsement_changed';
export const LEADER_AGREED = 'leadership.leader_agreed';
export const LEADER_STEPPED_DOWN = 'leadership.leader_stepped_down';
export const RECONFIRMATION_CHANGED = 'leadership.reconfirmation_changed';

type Where = {
  programmeId: string;
  localityId: string;
};

export type LeadershipEvents = {
  /** A leadership nomination was made or withdrawn. */
  [NOMINATION_CHANGED]: Where & { nominationId: string; kind: NominationKind; change: 'NOMINATED' | 'WITHDRAWN' };
  /** An organisation took (or changed) its position on a nomination of either kind. */
  [ENDORSEMENT_CHANGED]: Where & {
    nominationId: string;
    kind: NominationKind;
    organisationId: string;
    position: EndorsementPosition;
  };
  [LEADER_AGREED]: Where & { nominationId: string; personId: string; leaderId: string; reconfirmBy: string };
  [LEADER_STEPPED_DOWN]: Where & { personId: string; leaderId: string };
  /**
   * A re-confirmation of the current leader was opened, decided either way, or withdrawn
   * (also when the leader stepped down while it was open). `reconfirmBy` is the leader's
   * due date after the change.
   */
  [RECONFIRMATION_CHANGED]: Where & {
    nominationId: string;
    leaderId: string;
    personId: string;
    change: 'OPENED' | 'RECONFIRMED' | 'NOT_RECONFIRMED' | 'WITHDRAWN';
    reconfirmBy: string;
  };
};

export type LeadershipEventType = keyof LeadershipEvents;

/** Records a leadership event in the outbox, in the transaction of the change. */
export function recordLeadershipEvent<T extends LeadershipEventType>(
  outbox: OutboxWriter,
  type: T,
  payload: LeadershipEvents[T],
): Promise<string> {
  return outbox.record(type, payload);
}
