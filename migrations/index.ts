import { Foundation1764300000000 } from './1764300000000-foundation';

/** Every migration, oldest first. A new migration is appended here. */
export const allMigrations = [Foundation1764300000000];
