export * from './iso-week';
export * from './weekly-digest.jobs';
export * from './weekly-digest.mailing';
export * from './weekly-digest.scheduler';
