export * from './access.decorators';
export * from './principal';
export * from './role';
