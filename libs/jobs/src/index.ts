export * from './domain-event-subscribers';
export * from './job-processor';
export * from './jobs.module';
export * from './outbox-relay';
export * from './queue-factory';
export * from './queue-names';
export * from './retention';
export * from './worker-runtime';
