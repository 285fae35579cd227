export * from './audit.module';
export * from './audit-writer';
export * from './audit-event.type';
export * from './audit-visibility';
export * from './json.scalar';
