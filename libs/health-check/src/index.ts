export * from './health-check.module';
export * from './response-secret';
export * from './survey-answer';
export * from './instrument';
