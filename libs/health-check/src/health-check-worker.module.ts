import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { MailJobs, MailModule, UnsubscribeTokensModule } from '@joinedup/mail';
import { HealthCheckInvitationsSubscriber } from './health-check-invitations.subscriber';
import { HealthCheckMailing } from './health-check-mailing';
import { EmailInvitationSender, INVITATION_SENDER, LoggingInvitationSender } from './invitation-sender';
import { SurveyReminderScheduler } from './survey-reminder-scheduler';
import { SurveyResponseSettler } from './survey-response-settler';
import { HealthCheckPublishingModule } from './health-check-publishing.module';

/**
 * What the worker runs for the health check: handing new invitations to the sender (by
 * email when SMTP_URL is set), the reminders before a round closes, settling answers and
 * publishing the figures of rounds that have become final.
 */
@Module({
  imports: [MailModule, UnsubscribeTokensModule, HealthCheckPublishingModule],
  providers: [
    HealthCheckInvitationsSubscriber,
    SurveyResponseSettler,
    HealthCheckMailing,
    SurveyReminderScheduler,
    {
      provide: INVITATION_SENDER,
      inject: [APP_CONFIG, MailJobs],
      useFactory: (config: AppConfig, jobs: MailJobs) => (config.mail.smtpUrl ? new EmailInvitationSender(jobs) : new LoggingInvitationSender()),
    },
  ],
})
export class HealthCheckWorkerModule {}
