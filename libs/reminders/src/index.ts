export * from './deadline-reminder-mail';
export * from './deadline-reminder.jobs';
export * from './deadline-reminder.mailing';
export * from './deadline-reminder.scheduler';
export * from './reminder-plan';
export * from './reminders-worker.module';
