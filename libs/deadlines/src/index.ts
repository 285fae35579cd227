export * from './deadline';
export * from './deadline-catalogue';
export * from './deadlines.module';
export * from './deadlines.service';
