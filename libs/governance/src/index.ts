export * from './barriers';
export * from './governance-rule';
export * from './governance-scanner';
export * from './governance.events';
export * from './governance.module';
export * from './health-score';
export * from './rule-settings';
export * from './rules';
