import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { DomainEventSubscribers } from './domain-event-subscribers';
import { QueueFactory, queueStoreFor } from './queue-factory';

/** Queues for whoever needs them (producers, health checks, workers). */
@Global()
@Module({
  providers: [
    {
      provide: QueueFactory,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const queues = new QueueFactory(queueStoreFor(config), { lockMs: config.jobLockMs, attempts: config.jobAttempts });
        const logger = new Logger('Queue');
        queues.onConnectionChange((change) =>
          change.state === 'lost'
            ? logger.warn(`Lost the connection to the job queue at ${change.store}: ${change.reason}. Retrying.`)
            : logger.log(`The connection to the job queue at ${change.store} is back.`),
        );
        return queues;
      },
    },
    DomainEventSubscribers,
  ],
  exports: [QueueFactory, DomainEventSubscribers],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(QueueFactory) private readonly queues: QueueFactory) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}
