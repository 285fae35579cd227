import { Foundation1764300000000 } from './1764300000000-foundation';
import { PartnershipRegistry1764400000000 } from './1764400000000-partnership-registry';
import { JobRetention1764500000000 } from './1764500000000-job-retention';
import { SignInHardening1764520000000 } from './1764520000000-sign-in-hardening';
import { ProgrammeRoles1764600000000 } from './1764600000000-programme-roles';
import { ConflictLog1764610000000 } from './1764610000000-conflict-log';
import { ImprovementReviews1764620000000 } from './1764620000000-improvement-reviews';
import { LeaderReconfirmation1764630000000 } from './1764630000000-leader-reconfirmation';
import { Briefings1764700000000 } from './1764700000000-briefings';
import { AlignmentRequests1764710000000 } from './1764710000000-alignment-requests';
import { MilestonesRecognition1764720000000 } from './1764720000000-milestones-recognition';
import { ProgrammeActivation1764790000000 } from './1764790000000-programme-activation';
import { GovernanceEngine1764800000000 } from './1764800000000-governance-engine';
import { Webhooks1764810000000 } from './1764810000000-webhooks';
import { HealthCheck1764900000000 } from './1764900000000-health-check';
import { AuthenticatedRequestOpening1764910000000 } from './1764910000000-authenticated-request-opening';
import { HealthCheckAnonymityAtRest1765010000000 } from './1765010000000-health-check-anonymity-at-rest';
import { WebhookSecretEncryption1765020000000 } from './1765020000000-webhook-secret-encryption';
import { ScanJobs1765050000000 } from './1765050000000-scan-jobs';
import { HealthCheckEmail1765087000000 } from './1765087000000-health-check-email';
import { CalendarFeeds1765091000000 } from './1765091000000-calendar-feeds';
import { MailPreferences1765093000000 } from './1765093000000-mail-preferences';
import { DeadlineReminders1765094000000 } from './1765094000000-deadline-reminders';
import { SignInLinks1765110000000 } from './1765110000000-sign-in-links';
import { PersonRepresentsBody1765160000000 } from './1765160000000-person-represents-body';
import { FlagLocalities1765170000000 } from './1765170000000-flag-localities';
import { HealthCheckPublication1765180000000 } from './1765180000000-health-check-publication';
import { FlagEvidenceJson1765190000000 } from './1765190000000-flag-evidence-json';
import { EditCodeLookupAfterSettle1765200000000 } from './1765200000000-edit-code-lookup-after-settle';

/** Every migration, oldest first. A new migration is appended here. */
export const allMigrations = [
  Foundation1764300000000,
  PartnershipRegistry1764400000000,
  JobRetention1764500000000,
  SignInHardening1764520000000,
  ProgrammeRoles1764600000000,
  ConflictLog1764610000000,
  ImprovementReviews1764620000000,
  LeaderReconfirmation1764630000000,
  Briefings1764700000000,
  AlignmentRequests1764710000000,
  MilestonesRecognition1764720000000,
  ProgrammeActivation1764790000000,
  GovernanceEngine1764800000000,
  Webhooks1764810000000,
  HealthCheck1764900000000,
  AuthenticatedRequestOpening1764910000000,
  HealthCheckAnonymityAtRest1765010000000,
  WebhookSecretEncryption1765020000000,
  ScanJobs1765050000000,
  HealthCheckEmail1765087000000,
  CalendarFeeds1765091000000,
  MailPreferences1765093000000,
  DeadlineReminders1765094000000,
  SignInLinks1765110000000,
  PersonRepresentsBody1765160000000,
  FlagLocalities1765170000000,
  HealthCheckPublication1765180000000,
  FlagEvidenceJson1765190000000,
  EditCodeLookupAfterSettle1765200000000,
];
