export * from './draining';
export * from './health.module';
