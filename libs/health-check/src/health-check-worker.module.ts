import { Module } from '@nestjs/common';
import { HealthCheckInvitationsSubscriber } from './health-check-invitations.subscriber';
import { INVITATION_SENDER, LoggingInvitationSender } from './invitation-sender';

/** What the worker runs for the health check: handing new invitations to the sender. */
@Module({
  providers: [HealthCheckInvitationsSubscriber, { provide: INVITATION_SENDER, useClass: LoggingInvitationSender }],
})
export class HealthCheckWorkerModule {}
