export * from './agreement';
export * from './leadership.service';
export * from './programme.types';
export * from './programmes.module';
export * from './programmes.service';
