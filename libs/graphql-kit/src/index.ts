export * from './pagination';
export * from './id-arg';
export * from './request-context.middleware';
export * from './transaction.plugin';
export * from './validation.pipe';
export * from './graphql.options';
export * from './request-loader';
export * from './input-rules';
