export * from './recognition.errors';
export * from './recognition-lists';
export * from './recognition.loaders';
export * from './recognition.module';
export * from './recognition.rows';
export * from './recognition.rules';
export * from './recognition.types';
export * from './recognition.registers';
