import { Module } from '@nestjs/common';
import { MailJobs } from './mail-jobs';
import { Mailer } from './mailer';
import { TenantMailRate } from './tenant-mail-rate';

/** Outgoing email for the worker: the Mailer and the one queue messages go through. */
@Module({
  providers: [Mailer, MailJobs, TenantMailRate],
  exports: [Mailer, MailJobs],
})
export class MailModule {}
