export * from './mail-content';
export * from './mail-jobs';
export * from './mail-kinds';
export * from './mail.jobs';
export * from './mail.module';
export * from './mailer';
export * from './unsubscribe-token';
export * from './tenant-mail-rate';
