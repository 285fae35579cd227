import { EffectiveRuleSetting, GovernanceRule, ScanScope, ruleSql } from './governance-rule';

/**
 * The columns of a finding, in the order every rule's row is selected. A message that
 * lists records is cut to the 1000 characters a flag holds, rather than failing the scan.
 */
const FINDING = `subject_id, locality_id, programme_id, organisation_id, severity,
  case when length(message) > 1000 then left(message, 999) || '…' else message end as message, evidence`;

/**
 * Every enabled rule's findings as one set (UNION ALL of their statements), each row
 * tagged with its rule, barrier and subject type. Parameters: $1 the instant judged,
 * $2 the locality scanned (null for all), $3 the settings by rule code (jsonb).
 */
export function findingsQuery(
  rules: readonly GovernanceRule[],
  settings: Record<string, EffectiveRuleSetting>,
  scope: ScanScope = 'tenant',
): string {
  const enabled = rules.filter((rule) => settings[rule.code]?.enabled);
  if (!enabled.length) {
    return `select null::text as rule_code, null::text as barrier, null::text as subject_type, null::uuid as subject_id,
                   null::uuid as locality_id, null::uuid as programme_id, null::uuid as organisation_id, null::text as severity,
                   null::text as message, null::jsonb as evidence where false`;
  }
  return enabled
    .map(
      (rule) =>
        `select '${rule.code}'::text as rule_code, '${rule.barrier}'::text as barrier, '${rule.subjectType}'::text as subject_type, ${FINDING}
           from (${rule.sql(ruleSql(rule, scope))}) as f`,
    )
    .join('\nunion all\n');
}

/** The parameters of `findingsQuery`. */
export function findingsParameters(asOf: Date, localityId: string | null, settings: Record<string, EffectiveRuleSetting>): unknown[] {
  return [asOf, localityId, JSON.stringify(settings)];
}
