import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
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
      useFactory: (config: AppConfig) => new QueueFactory(queueStoreFor(config)),
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
