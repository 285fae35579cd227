export * from './demo-loader';
export * from './demo-partnership.data';
export * from './demo-people.data';
export * from './demo-programmes.data';
export * from './seed-demo';
