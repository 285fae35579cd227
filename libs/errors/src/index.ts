export * from './app-error';
export * from './format-graphql-error';
export * from './service-unavailable';
