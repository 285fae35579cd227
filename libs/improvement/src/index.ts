export * from './improvement.errors';
export * from './improvement.loaders';
export * from './improvement.module';
export * from './improvement.rows';
export * from './improvement.rules';
export * from './improvement.types';
export * from './improvement.registers';
export { REVIEW_WRITERS } from './improvement.resolvers';
