export * from './mail-content';
export * from './mail-jobs';
export * from './mail.jobs';
export * from './mail.module';
export * from './mailer';
