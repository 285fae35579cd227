import type { FlagSeverity, WebGovernanceRulesQuery } from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { FormReader } from '../manage/form-reader';

export type RuleView = WebGovernanceRulesQuery['governanceRules'][number];
type Threshold = RuleView['thresholds'][number];

/** Flag severities, lowest first, as the flag pages name them. */
export const RULE_SEVERITIES = [
  { value: 'LOW', text: 'Low' },
  { value: 'MEDIUM', text: 'Medium' },
  { value: 'HIGH', text: 'High' },
] as const satisfies readonly { value: FlagSeverity; text: string }[];

/** What a threshold's unit means to the person setting it (the API: 'days', 'share' and 'score' 0–1, 'count'). */
const UNIT_WORDS: Record<string, string> = { days: 'days', count: '', share: 'as a share from 0 to 1 (0.25 is 25 %)', score: 'as a score from 0 to 1' };

/** Whole numbers for days and counts; decimals for shares and scores. */
const isWhole = (t: Threshold): boolean => t.unit === 'days' || t.unit === 'count';

/** The field of a threshold in the rule's form. */
export const thresholdField = (name: string): string => `threshold-${name}`;

/** A threshold's hint: what it is, its allowed range and its default. */
export function thresholdHint(t: Threshold): string {
  const unit = UNIT_WORDS[t.unit] ?? t.unit;
  return `${t.description} From ${t.min} to ${t.max}${unit && isWhole(t) ? ` ${unit}` : ''}${unit && !isWhole(t) ? `, ${unit}` : ''}; by default ${t.default}.`;
}

export interface RuleFormValues {
  enabled: string;
  severity: string;
  thresholds: Record<string, string>;
}

export const ruleValues = (rule: RuleView): RuleFormValues => ({
  enabled: rule.enabled ? 'yes' : 'no',
  severity: rule.severity,
  thresholds: Object.fromEntries(rule.thresholds.map((t) => [t.name, String(t.value)])),
});

/** A rule's form: enabled, severity and each threshold within its range, as the API will check them. */
export function readRuleForm(body: Record<string, unknown>, rule: RuleView): {
  values: RuleFormValues;
  errors: FieldError[];
  input?: { code: string; enabled: boolean; severity: FlagSeverity; thresholds: { name: string; value: number }[] };
} {
  const form = new FormReader(body);
  const enabled = form.yesNo('enabled', 'scans run this rule');
  const severity = form.choice('severity', RULE_SEVERITIES, 'the severity its flags start at');
  const thresholds: { name: string; value: number }[] = [];
  for (const t of rule.thresholds) {
    const what = `the ${t.name} threshold`;
    const bounds = { what, min: t.min, max: t.max };
    const value = isWhole(t) ? form.whole(thresholdField(t.name), bounds) : form.decimal(thresholdField(t.name), { ...bounds, example: String(t.default) });
    if (value !== undefined) thresholds.push({ name: t.name, value });
  }
  const values = {
    enabled: form.raw('enabled', 3),
    severity: severity ?? '',
    thresholds: Object.fromEntries(rule.thresholds.map((t) => [t.name, form.raw(thresholdField(t.name), 24)])),
  };
  if (!form.ok || enabled === undefined || !severity) return { values, errors: form.errors };
  return { values, errors: [], input: { code: rule.code, enabled, severity, thresholds } };
}

/** The form field an API refusal names: `thresholds.<name>` is that threshold's field. */
export function ruleFieldOf(field: unknown, rule: RuleView): string {
  const name = typeof field === 'string' && field.startsWith('thresholds.') ? field.slice('thresholds.'.length) : '';
  const threshold = rule.thresholds.find((t) => t.name === name) ?? rule.thresholds[0];
  if (threshold) return `#${thresholdField(threshold.name)}`;
  return field === 'severity' ? '#severity' : '#enabled';
}
