export * from './domain-events';
export * from './record-event';
export * from './subscribe-event';
