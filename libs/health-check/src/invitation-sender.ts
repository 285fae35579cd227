import { Injectable, Logger } from '@nestjs/common';

export const INVITATION_SENDER = Symbol('INVITATION_SENDER');

/** New invitations of one round to deliver (survey_invitation ids: who, not which link). */
export interface InvitationBatch {
  tenantId: string;
  roundId: string;
  invitationIds: string[];
}

/**
 * Delivers response links to the people invited (by email, a later issue). The batch
 * carries no link: a sender that delivers them issues each link as it sends it, and must
 * not log or keep it.
 */
export interface InvitationSender {
  send(batch: InvitationBatch): Promise<void>;
}

/** The default: delivery is out of scope, so it only says how many it would send. */
@Injectable()
export class LoggingInvitationSender implements InvitationSender {
  private readonly logger = new Logger('HealthCheckInvitations');

  async send(batch: InvitationBatch): Promise<void> {
    this.logger.log(`would send ${batch.invitationIds.length} health-check invitations for round ${batch.roundId}`);
  }
}
