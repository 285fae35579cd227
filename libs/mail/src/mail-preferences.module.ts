import { Module } from '@nestjs/common';
import { MailPreferencesResolver } from './mail-preferences.resolver';
import { MailPreferencesService } from './mail-preferences.service';
import { UnsubscribeTokensModule } from './unsubscribe-tokens.module';

/** The API's side of mail: each user's preferences and the unsubscribe links. */
@Module({
  imports: [UnsubscribeTokensModule],
  providers: [MailPreferencesService, MailPreferencesResolver],
})
export class MailPreferencesModule {}
