import { Module } from '@nestjs/common';
import { MailModule } from '@joinedup/mail';
import { SignInLinkMailing } from './sign-in-link-mailing';

/** What the worker runs for sign-in: emailing the sign-in links tenant administrators ask for. */
@Module({
  imports: [MailModule],
  providers: [SignInLinkMailing],
})
export class AuthWorkerModule {}
