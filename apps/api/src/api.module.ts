import { Logger, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ApolloDriver } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig, ConfigModule } from '@joinedup/config';
import { AuditModule } from '@joinedup/audit';
import { AuthModule } from '@joinedup/auth';
import { DatabaseModule } from '@joinedup/database';
import { graphqlOptions, requestContextMiddleware } from '@joinedup/graphql-kit';
import { HealthModule } from '@joinedup/health';
import { JobsModule } from '@joinedup/jobs';
import { ProgrammesModule } from '@joinedup/programmes';
import { RegistryModule } from '@joinedup/registry';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule.forRoot({ entities: [], applicationName: 'joinedup-api' }),
    JobsModule,
    GraphQLModule.forRootAsync({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('GraphQL');
        return graphqlOptions({
          exposeStack: config.nodeEnv === 'development',
          logError: (message, error) => logger.error(error instanceof Error ? error : String(error), message),
        });
      },
    }),
    AuditModule,
    AuthModule,
    HealthModule,
    RegistryModule,
    ProgrammesModule,
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestContextMiddleware).forRoutes('*');
  }
}
