import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { JsonReadsModule } from '@joinedup/graphql-kit';
import { AccessTokens } from './access-token';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { ACCESS_TOKENS, Authenticator } from './authenticator';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { SignInThrottle } from './sign-in-throttle';
import { SignInLinksResolver } from './sign-in-links.resolver';
import { SignInLinksService } from './sign-in-links.service';
import { UsersResolver } from './users.resolver';
import { UsersService } from './users.service';
import { UserJsonRead } from './user-json-read';

@Module({
  imports: [JsonReadsModule],
  providers: [
    {
      provide: ACCESS_TOKENS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds),
    },
    Authenticator,
    { provide: APP_GUARD, useClass: AuthGuard },
    PasswordHasher,
    SignInThrottle,
    SessionService,
    UsersService,
    SignInLinksService,
    AuthResolver,
    UsersResolver,
    SignInLinksResolver,
    UserJsonRead,
  ],
  exports: [ACCESS_TOKENS, Authenticator, UsersService, PasswordHasher],
})
export class AuthModule {}
