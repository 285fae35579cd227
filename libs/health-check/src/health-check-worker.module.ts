import { Module } from '@nestjs/common';
import { HealthCheckInvitationsSubscriber } from './health-check-invitations.subscriber';
import { INVITATION_SENDER, LoggingInvitationSender } from './invitation-sender';
import { SurveyResponseSettler } from './survey-response-settler';

/** What the worker runs for the health check: handing new invitations to the sender, settling answers. */
@Module({
  providers: [HealthCheckInvitationsSubscriber, SurveyResponseSettler, { provide: INVITATION_SENDER, useClass: LoggingInvitationSender }],
})
export class HealthCheckWorkerModule {}
