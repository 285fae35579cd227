import { GovernanceScanner, ScanRequest, ScanResult } from '@joinedup/governance';
import { ApiHarness, TestTenant, TestUser, sharedApi } from './api-harness';
import { RegistryFactory } from './registry-factory';

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
/** Noon (UTC) of a calendar day 'YYYY-MM-DD', moved by `days`: an instant inside that day's scan date. */
export const noonOf = (day: string, days = 0) => daysAfter(`${day}T12:00:00Z`, days);

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

/** The member bodies a rule test's partnership is made of, by key, and who each of them brings. */
export interface PartnershipPlan<K extends string> {
  /** One member body of the locality per key, in this order. */
  bodies: readonly K[];
  /** Sign in a MEMBER_REPRESENTATIVE of each body (`rep`). */
  representatives?: boolean;
  /** Record a person in each body (`person`, by id). */
  people?: boolean;
}

/**
 * What every governance rule test starts from: a new tenant with a coordinator, one locality
 * with its member bodies, and a probe that scans the tenant. `today` is the database's date,
 * the one the API stamps on what tests make, so the instants a test scans at are built from it.
 * A test file takes the parts it uses into its own names, typed before `beforeAll` fills them:
 *   let { api, probe, locality, org } = {} as RulesPartnership<'A' | 'B'>;
 *   beforeAll(async () => ({ api, probe, locality, org } = await RulesPartnership.start('rules-x', { bodies: ['A', 'B'] })));
 */
export class RulesPartnership<K extends string> {
  private constructor(
    readonly api: ApiHarness,
    readonly tenant: TestTenant,
    /** The coordinator's token. */
    readonly coordinator: string,
    readonly probe: GovernanceProbe,
    readonly make: RegistryFactory,
    readonly locality: { id: string },
    /** The member bodies' organisation ids. */
    readonly org: Record<K, string>,
    readonly rep: Record<K, TestUser>,
    /** The person ids. */
    readonly person: Record<K, string>,
    readonly today: string,
  ) {}

  static async start<K extends string>(label: string, plan: PartnershipPlan<K>): Promise<RulesPartnership<K>> {
    const api = await sharedApi.join();
    const tenant = await api.newTenant(label);
    const coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    const [org, rep, person] = [{} as Record<K, string>, {} as Record<K, TestUser>, {} as Record<K, string>];
    const bodies = await make.members(locality.id, plan.bodies.length);
    for (const [i, key] of plan.bodies.entries()) {
      org[key] = bodies[i].id;
      if (plan.representatives) rep[key] = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[i].id);
      if (plan.people) person[key] = (await make.person(bodies[i].id)).id;
    }
    const [{ today }] = await api.owner.query(`select current_date::text as today`);
    return new RulesPartnership(api, tenant, coordinator, new GovernanceProbe(api, tenant.id), make, locality, org, rep, person, today);
  }

  // Arrow functions, not methods, so that a test can take them out of the object.
  /** The day `offset` days from today (YYYY-MM-DD). */
  readonly day = (offset: number): string => daysAfter(`${this.today}T00:00:00Z`, offset).toISOString().slice(0, 10);

  /** Late on the day `offset` days from today: everything a test made today happened before it. */
  readonly lateOn = (offset: number): Date => daysAfter(`${this.today}T23:59:00Z`, offset);
}
