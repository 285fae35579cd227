export * from './conflict-lifecycle';
export * from './conflict-visibility';
export * from './conflict-processes.service';
export * from './conflicts.errors';
export * from './conflicts.loaders';
export * from './conflicts.module';
export * from './conflicts.service';
export * from './conflicts.types';
export { MAX_CONFLICT_TEXT, MAX_STAGE_DAYS, MAX_STAGES } from './conflicts.inputs';
