import { Foundation1764300000000 } from './1764300000000-foundation';
import { PartnershipRegistry1764400000000 } from './1764400000000-partnership-registry';
import { JobRetention1764500000000 } from './1764500000000-job-retention';
import { SignInHardening1764520000000 } from './1764520000000-sign-in-hardening';

/** Every migration, oldest first. A new migration is appended here. */
export const allMigrations = [Foundation1764300000000, PartnershipRegistry1764400000000, JobRetention1764500000000, SignInHardening1764520000000];
