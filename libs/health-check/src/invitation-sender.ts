import { Injectable, Logger } from '@nestjs/common';
import { MailJobs } from '@joinedup/mail';
import { HEALTH_CHECK_MAIL_JOB, InvitationMailJob, invitationMailJobId } from './health-check-mail.jobs';

export const INVITATION_SENDER = Symbol('INVITATION_SENDER');

/** New invitations of one round to deliver (survey_invitation ids: who, not which link). */
export interface InvitationBatch {
  tenantId: string;
  roundId: string;
  invitationIds: string[];
}

/**
 * Delivers response links to the people invited. The batch carries no link: a sender
 * that delivers them issues each link as it sends it, and must not log or keep it.
 */
export interface InvitationSender {
  send(batch: InvitationBatch): Promise<void>;
}

/** Without SMTP_URL: the coordinator hands the links over, so it only says how many it would send. */
@Injectable()
export class LoggingInvitationSender implements InvitationSender {
  private readonly logger = new Logger('HealthCheckInvitations');

  async send(batch: InvitationBatch): Promise<void> {
    this.logger.log(`would send ${batch.invitationIds.length} health-check invitations for round ${batch.roundId}`);
  }
}

/**
 * With SMTP_URL: queues the batch on the mail queue (ids only, one job per batch), where
 * HealthCheckMailing issues and emails each link.
 */
export class EmailInvitationSender implements InvitationSender {
  constructor(private readonly jobs: MailJobs) {}

  async send({ tenantId, roundId, invitationIds }: InvitationBatch): Promise<void> {
    const job: InvitationMailJob = { tenantId, roundId, invitationIds };
    await this.jobs.add(HEALTH_CHECK_MAIL_JOB.invitations, job, invitationMailJobId(invitationIds));
  }
}
