export * from './app-logger';
export type { Logger } from 'pino';
