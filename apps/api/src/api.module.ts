import { DynamicModule, Logger, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, ConfigModule } from '@joinedup/config';
import { AlignmentModule } from '@joinedup/alignment';
import { GovernanceModule } from '@joinedup/governance';
import { HealthCheckModule } from '@joinedup/health-check';
import { AuditModule } from '@joinedup/audit';
import { AuthModule, Authenticator } from '@joinedup/auth';
import { CalendarModule } from '@joinedup/calendar';
import { BriefingsModule } from '@joinedup/briefings';
import { ConflictsModule } from '@joinedup/conflicts';
import { DatabaseModule } from '@joinedup/database';
import { ExportsModule } from '@joinedup/exports';
import { APP_FILTER } from '@nestjs/core';
import {
  CompiledReadAnswers,
  CompiledReadMiddleware,
  GraphQLErrorsFilter,
  JsonReadPlugin,
  JsonReadsModule,
  KnownReads,
  OperationTransactionPlugin,
  READ_CALLERS,
  graphqlOptions,
  requestContextMiddleware,
} from '@joinedup/graphql-kit';
import { HealthModule } from '@joinedup/health';
import { ImprovementModule } from '@joinedup/improvement';
import { JobsModule } from '@joinedup/jobs';
import { MailPreferencesModule } from '@joinedup/mail';
import { OnboardingModule } from '@joinedup/onboarding';
import { ProgrammesModule } from '@joinedup/programmes';
import { RecognitionModule } from '@joinedup/recognition';
import { RegistryModule } from '@joinedup/registry';
import { RolesModule } from '@joinedup/roles';
import { PdfModule } from '@joinedup/web';

/** The API: GraphQL over the domain libraries, plus health checks. */
@Module({})
export class ApiModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    const graphqlLogger = new Logger('GraphQL');
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ applicationName: 'joinedup-api' }),
        JobsModule,
        GraphQLModule.forRoot(
          graphqlOptions({
            exposeStack: config.nodeEnv === 'development',
            introspection: config.graphql.introspection,
            // The explorer reads the schema by introspection: without it, it would show nothing.
            explorer: config.nodeEnv === 'development' && config.graphql.introspection,
            limits: config.graphql,
            logError: (message, error) => graphqlLogger.error(error instanceof Error ? error : String(error), message),
          }),
        ),
        AuditModule,
        AuthModule,
        JsonReadsModule,
        HealthModule,
        RegistryModule,
        ProgrammesModule,
        ConflictsModule,
        ImprovementModule,
        RolesModule,
        RecognitionModule,
        BriefingsModule,
        AlignmentModule,
        GovernanceModule,
        HealthCheckModule,
        PdfModule,
        CalendarModule,
        MailPreferencesModule,
        OnboardingModule,
        ExportsModule,
      ],
      providers: [
        OperationTransactionPlugin,
        JsonReadPlugin,
        CompiledReadAnswers,
        KnownReads,
        { provide: READ_CALLERS, useExisting: Authenticator },
        { provide: APP_FILTER, useClass: GraphQLErrorsFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestContextMiddleware).forRoutes('*');
    // After the request's context: a query answered whole before is answered without Apollo's pipeline.
    consumer.apply(CompiledReadMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.POST });
  }
}
