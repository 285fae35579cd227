import { Module } from '@nestjs/common';
import { MailJobs } from './mail-jobs';
import { Mailer } from './mailer';

/** Outgoing email for the worker: the Mailer and the one queue messages go through. */
@Module({
  providers: [Mailer, MailJobs],
  exports: [Mailer, MailJobs],
})
export class MailModule {}
