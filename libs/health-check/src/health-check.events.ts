import { OutboxWriter } from '@joinedup/database';

/**
 * Outbox events of the health check: a stored contract, so names and payloads change only
 * by adding.
 */

/**
 * People were invited to a round: the links to send them. The links travel to the worker
 * (an `InvitationSender`) through the outbox; once handed over, the worker strips them
 * from the stored event, which keeps only who was invited (as survey_invitation does).
 */
// The outbox's type check allows no underscore in the first part (^[a-z]+(\.[a-z_]+)+$).
export const HEALTH_CHECK_INVITATIONS_CREATED = 'healthcheck.invitations_created';
// A type, not an interface: it must be assignable to the outbox's Record<string, unknown>.
export type HealthCheckInvitationsCreatedPayload = {
  roundId: string;
  invitations: { personId: string; link?: string }[];
};

export interface HealthCheckEvents {
  [HEALTH_CHECK_INVITATIONS_CREATED]: HealthCheckInvitationsCreatedPayload;
}

/** Records a health-check event with the payload its name calls for. */
export function recordHealthCheckEvent<K extends keyof HealthCheckEvents>(
  outbox: OutboxWriter,
  type: K,
  payload: HealthCheckEvents[K],
): Promise<string> {
  return outbox.record(type, { ...payload });
}
