import { Injectable, Logger } from '@nestjs/common';

export const INVITATION_SENDER = Symbol('INVITATION_SENDER');

/** Invitations of one round to deliver, each link to one person. */
export interface InvitationBatch {
  tenantId: string;
  roundId: string;
  invitations: { personId: string; link: string }[];
}

/**
 * Delivers response links to the people invited (by email, say). Links are secrets: an
 * implementation must not log or keep them.
 */
export interface InvitationSender {
  send(batch: InvitationBatch): Promise<void>;
}

/** The default: delivery is out of scope, so it only says what it would send (never the links). */
@Injectable()
export class LoggingInvitationSender implements InvitationSender {
  private readonly logger = new Logger('HealthCheckInvitations');

  async send(batch: InvitationBatch): Promise<void> {
    this.logger.log(`would send ${batch.invitations.length} health-check invitations for round ${batch.roundId}`);
  }
}
