import { Foundation1764300000000 } from './1764300000000-foundation';
import { PartnershipRegistry1764400000000 } from './1764400000000-partnership-registry';

/** Every migration, oldest first. A new migration is appended here. */
export const allMigrations = [Foundation1764300000000, PartnershipRegistry1764400000000];
