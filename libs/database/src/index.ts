export * from './data-source';
export * from './database.module';
export * from './migrations-runner';
export * from './tenant-db';
export * from './tenant-transaction';
export * from './outbox-writer';
export * from './postgres-errors';
export * from './statement-counter';
