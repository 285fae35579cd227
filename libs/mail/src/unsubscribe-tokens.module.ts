import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { UnsubscribeTokens } from './unsubscribe-token';

/** The unsubscribe links' signer, keyed from the server secret: the worker signs, the API verifies. */
@Module({
  providers: [{ provide: UnsubscribeTokens, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new UnsubscribeTokens(config.jwtSecret) }],
  exports: [UnsubscribeTokens],
})
export class UnsubscribeTokensModule {}
