import { Severity } from './barriers';
import { EffectiveRuleSetting, GovernanceRule } from './governance-rule';

/** A tenant's stored change to a rule (governance_rule_setting). */
export interface RuleSettingRow {
  rule_code: string;
  enabled: boolean;
  severity: Severity | null;
  thresholds: Record<string, number>;
}

/**
 * The settings each rule runs with: the tenant's stored values over the rule's defaults.
 * A stored threshold the rule no longer has is ignored; a value out of bounds (written
 * before the bounds changed) falls back to the default rather than stopping the scan.
 */
export function effectiveSettings(
  rules: readonly GovernanceRule[],
  rows: readonly RuleSettingRow[],
): Record<string, EffectiveRuleSetting> {
  const stored = new Map(rows.map((row) => [row.rule_code, row]));
  const settings: Record<string, EffectiveRuleSetting> = {};
  for (const rule of rules) {
    const row = stored.get(rule.code);
    const thresholds: Record<string, number> = {};
    for (const [name, spec] of Object.entries(rule.thresholds)) {
      const value = row?.thresholds?.[name];
      thresholds[name] = typeof value === 'number' && thresholdProblem(rule, name, value) === null ? value : spec.default;
    }
    settings[rule.code] = { enabled: row?.enabled ?? true, severity: row?.severity ?? rule.severity, thresholds };
  }
  return settings;
}

/** Why `value` cannot be the rule's threshold `name`, or null when it can. */
export function thresholdProblem(rule: GovernanceRule, name: string, value: number): string | null {
  const spec = rule.thresholds[name];
  if (!spec) {
    const known = Object.keys(rule.thresholds);
    return `Rule ${rule.code} has no threshold "${name}"${known.length ? ` (it has ${known.join(', ')})` : ' (it has none)'}.`;
  }
  if (!Number.isFinite(value)) return `Threshold ${name} of ${rule.code} must be a number.`;
  if (value < spec.min || value > spec.max) {
    return `Threshold ${name} of ${rule.code} must be between ${spec.min} and ${spec.max} ${spec.unit}.`;
  }
  if ((spec.unit === 'days' || spec.unit === 'count') && !Number.isInteger(value)) {
    return `Threshold ${name} of ${rule.code} must be a whole number of ${spec.unit}.`;
  }
  return null;
}
