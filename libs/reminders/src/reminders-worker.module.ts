import { Module } from '@nestjs/common';
import { DeadlinesModule } from '@joinedup/deadlines';
import { MailModule, UnsubscribeTokensModule } from '@joinedup/mail';
import { DeadlineReminderMailing } from './deadline-reminder.mailing';
import { DeadlineReminderScheduler } from './deadline-reminder.scheduler';

/** What the worker runs for deadline reminders: the scheduler and the mail job that sends each one. */
@Module({
  imports: [DeadlinesModule, MailModule, UnsubscribeTokensModule],
  providers: [DeadlineReminderMailing, DeadlineReminderScheduler],
})
export class RemindersWorkerModule {}
