import { OutboxWriter } from '@joinedup/database';

/**
 * Outbox events of the health check: a stored contract, so names and payloads change only
 * by adding. No payload carries a link, a token or a person: outbox rows and the queue's
 * job data are kept for days after they are handled.
 */

/**
 * People were invited to a round: the ids of the new survey_invitation rows. The sender
 * (an `InvitationSender`) reads who they are; a link is never in the event.
 */
// The outbox's type check allows no underscore in the first part (^[a-z]+(\.[a-z_]+)+$).
export const HEALTH_CHECK_INVITATIONS_CREATED = 'healthcheck.invitations_created';
// A type, not an interface: it must be assignable to the outbox's Record<string, unknown>.
export type HealthCheckInvitationsCreatedPayload = {
  roundId: string;
  invitationIds: string[];
};

/** A coordinator closed a round: the worker settles its pooled responses at once. */
export const HEALTH_CHECK_ROUND_CLOSED = 'healthcheck.round_closed';
export type HealthCheckRoundClosedPayload = {
  roundId: string;
};

export interface HealthCheckEvents {
  [HEALTH_CHECK_INVITATIONS_CREATED]: HealthCheckInvitationsCreatedPayload;
  [HEALTH_CHECK_ROUND_CLOSED]: HealthCheckRoundClosedPayload;
}

/** Records a health-check event with the payload its name calls for. */
export function recordHealthCheckEvent<K extends keyof HealthCheckEvents>(
  outbox: OutboxWriter,
  type: K,
  payload: HealthCheckEvents[K],
): Promise<string> {
  return outbox.record(type, { ...payload });
}
