export * from './briefing-rules';
export * from './briefings.errors';
export * from './briefings.inputs';
export * from './briefings.loaders';
export * from './briefings.module';
export * from './briefings.rows';
export * from './briefings.service';
export * from './briefings.types';
