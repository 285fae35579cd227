import { GovernanceScanner, ScanRequest, ScanResult } from '@joinedup/governance';
import { ApiHarness } from './api-harness';

export interface ProbedFlag {
  id: string;
  ruleCode: string;
  barrier: string;
  subjectType: string;
  subjectId: string;
  localityId: string | null;
  programmeId: string | null;
  organisationId: string | null;
  severity: string;
  state: string;
  message: string;
  evidence: Record<string, any>;
  resolvedAt: Date | null;
}

/** One day in milliseconds, for moving `asOf`. */
export const DAY = 24 * 3600 * 1000;
/** `base` moved by `days` (fractions allowed). */
export const daysAfter = (base: Date | string, days: number) => new Date(new Date(base).getTime() + days * DAY);

/**
 * Runs governance scans in the API's process at a chosen instant, and reads the flags
 * they leave (as the database owner, filtered to the tenant), for tests of the rules.
 */
export class GovernanceProbe {
  constructor(
    private readonly api: ApiHarness,
    private readonly tenantId: string,
  ) {}

  scan(asOf: Date, localityId: string | null = null, extra: Partial<ScanRequest> = {}): Promise<ScanResult> {
    return this.api.app.get(GovernanceScanner).scan({ tenantId: this.tenantId, localityId, asOf, ...extra });
  }

  /** Flags of a rule (open ones unless `all`), oldest first. */
  async flags(ruleCode: string, { all = false } = {}): Promise<ProbedFlag[]> {
    const rows = await this.api.owner.query(
      `select id, rule_code as "ruleCode", barrier, subject_type as "subjectType", subject_id as "subjectId",
              locality_id as "localityId", programme_id as "programmeId", organisation_id as "organisationId",
              severity, state, message, evidence, resolved_at as "resolvedAt"
         from governance_flag
        where tenant_id = $1 and rule_code = $2 and ($3 or resolved_at is null)
        order by first_raised_at, id`,
      [this.tenantId, ruleCode, all],
    );
    return rows as ProbedFlag[];
  }

  /** The open flag of a rule about one subject, or undefined. */
  async flagAbout(ruleCode: string, subjectId: string): Promise<ProbedFlag | undefined> {
    return (await this.flags(ruleCode)).find((flag) => flag.subjectId === subjectId);
  }
}
