export * from './app-logger';
export * from './error-serializer';
export type { Logger } from 'pino';
