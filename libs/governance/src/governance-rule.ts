import { Barrier, Severity, SubjectType } from './barriers';

/** A number a tenant administrator may change, within bounds. */
export interface ThresholdSpec {
  default: number;
  min: number;
  max: number;
  /** The unit docs/governance.md and the schema show: 'days', 'share' (0–1), 'count', 'score' (0–1). */
  unit: 'days' | 'share' | 'count' | 'score';
  description: string;
}

/**
 * The SQL fragments a rule's query is written with. Parameters are the scan's: the
 * instant judged, the locality scanned (null for all) and the tenant's rule settings.
 */
export interface RuleSql {
  /** The instant the rules judge (timestamptz): never now(), so scans can be replayed. */
  asOf: string;
  /** `asOf` as a date (in UTC), for date columns. */
  today: string;
  /** A condition that keeps rows of the locality being scanned (all in a scan of the whole tenant). */
  inScope(localityColumn: string): string;
  /**
   * The day programme `alias` is judged from: the later of the day it last became ACTIVE
   * and its start date (a programme activated yesterday has not gone 60 days unbriefed).
   */
  activeSince(alias: string): string;
  /** One of the rule's thresholds, as a numeric expression. */
  threshold(name: string): string;
  /** The rule's severity (the tenant's setting or the default), as a text expression. */
  severity: string;
  /** The severity raised by `steps` levels (an integer expression), at most HIGH. */
  raised(steps: string): string;
}

/**
 * A governance rule: data plus one SQL statement. The statement finds every subject of
 * the scanned tenant (or locality) for which the rule holds, set-based, and returns one
 * row per subject with these columns:
 *   subject_id uuid, locality_id uuid, programme_id uuid, organisation_id uuid
 *   (null where they do not apply), severity text, message text, evidence jsonb.
 * Evidence holds the ids and dates that triggered the rule and nothing that moves with
 * the clock (days elapsed belong in the message): a dismissed flag reopens when its
 * evidence changes.
 */
export interface GovernanceRule {
  code: string;
  barrier: Barrier;
  subjectType: SubjectType;
  severity: Severity;
  /** When the rule raises a flag, in a coordinator's words (docs/governance.md and the schema). */
  description: string;
  thresholds: Record<string, ThresholdSpec>;
  /**
   * Subjects that span localities (a person's roles anywhere in the tenant): the rule runs
   * in full scans only, and its flags carry no locality.
   */
  tenantWide?: boolean;
  sql(parts: RuleSql): string;
}

/** The settings a scan applies to one rule: the tenant's, over the rule's defaults. */
export interface EffectiveRuleSetting {
  enabled: boolean;
  severity: Severity;
  thresholds: Record<string, number>;
}

/** What a scan covers: the whole tenant, or the locality given as $2. */
export type ScanScope = 'tenant' | 'locality';

/**
 * The fragments for one rule, reading its settings from $3 (a jsonb object keyed by rule
 * code). The locality condition is written for the scope, not as "$2 is null or …": the
 * scan runs as a prepared statement, and a generic plan cannot drop an "or" it cannot
 * decide, where it can use an index on "column = $2".
 */
export function ruleSql(rule: GovernanceRule, scope: ScanScope = 'tenant'): RuleSql {
  const code = rule.code.replace(/[^A-Z_]/g, '');
  const severity = `($3::jsonb -> '${code}' ->> 'severity')`;
  return {
    asOf: '$1::timestamptz',
    today: `($1::timestamptz at time zone 'UTC')::date`,
    inScope: (column) => (scope === 'locality' ? `(${column} = $2::uuid)` : `($2::uuid is null)`),
    activeSince: (alias) => `greatest((${alias}.activated_at at time zone 'UTC')::date, ${alias}.starts_on)`,
    threshold: (name) => {
      if (!rule.thresholds[name]) throw new Error(`Rule ${rule.code} has no threshold "${name}"`);
      return `(($3::jsonb -> '${code}' -> 'thresholds' ->> '${name}')::numeric)`;
    },
    severity,
    raised: (steps) => `governance_severity_raised(${severity}, (${steps})::int)`,
  };
}
