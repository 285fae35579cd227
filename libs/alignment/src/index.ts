export * from './alignment-lifecycle';
export * from './alignment-rules';
export * from './alignment.errors';
export * from './alignment.loaders';
export * from './alignment.module';
export * from './alignment.service';
export * from './alignment.types';
export * from './alignment.registers';
