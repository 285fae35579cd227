import { DynamicModule, Module } from '@nestjs/common';
import { AuthWorkerModule } from '@joinedup/auth';
import { AppConfig, ConfigModule } from '@joinedup/config';
import { DatabaseModule } from '@joinedup/database';
import { GovernanceWorkerModule } from '@joinedup/governance';
import { HealthCheckWorkerModule } from '@joinedup/health-check';
import { JobsModule, WorkerRuntime } from '@joinedup/jobs';
import { RemindersWorkerModule } from '@joinedup/reminders';

/** The worker: queues and the outbox relay, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({ applicationName: 'joinedup-worker' }),
        JobsModule,
        AuthWorkerModule,
        GovernanceWorkerModule,
        HealthCheckWorkerModule,
        RemindersWorkerModule,
      ],
      providers: [WorkerRuntime],
    };
  }
}
