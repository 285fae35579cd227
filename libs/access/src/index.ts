export * from './access.decorators';
export * from './access.errors';
export * from './principal';
export * from './refusal';
export * from './role';
