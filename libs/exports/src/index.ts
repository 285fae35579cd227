export * from './exports.module';
export * from './locality-register';
export * from './register-csv.types';
export * from './register-exports.resolver';
export * from './register-exports.service';
