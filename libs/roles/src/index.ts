export * from './role-fit';
export * from './role-fit.sql';
export * from './role.inputs';
export * from './role.loaders';
export * from './role.rows';
export * from './role.types';
export * from './roles.module';
export * from './roles.service';
