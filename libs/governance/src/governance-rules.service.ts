import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@joinedup/audit';
import { TenantDb } from '@joinedup/database';
import { badInput } from '@joinedup/errors';
import { GovernanceRule } from './governance-rule';
import { nameBasedUuid } from './name-based-uuid';
import { UpdateGovernanceRuleInput } from './governance.inputs';
import { GovernanceRuleType } from './governance.types';
import { RuleSettingRow, effectiveSettings, thresholdProblem } from './rule-settings';
import { GOVERNANCE_RULES, RULES_BY_CODE } from './rules';

const SETTING_COLUMNS = `rule_code, enabled, severity, thresholds`;

/** The built-in rules with this tenant's settings; tenant administrators change them. */
@Injectable()
export class GovernanceRulesService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditWriter,
  ) {}

  async list(): Promise<GovernanceRuleType[]> {
    const rows = await this.db.query<RuleSettingRow>(`select ${SETTING_COLUMNS} from governance_rule_setting`);
    return GOVERNANCE_RULES.map((rule) => toRuleType(rule, rows));
  }

  /** Changes a rule's settings for this tenant; scans use them from the next one on. */
  async update(input: UpdateGovernanceRuleInput): Promise<GovernanceRuleType> {
    const rule = RULES_BY_CODE.get(input.code);
    if (!rule) throw badInput(`There is no governance rule ${input.code}; governanceRules lists them.`, 'code');
    const changes = input.thresholds ?? [];
    const names = changes.map((t) => t.name);
    if (new Set(names).size !== names.length) throw badInput('Each threshold may be given once.', 'thresholds');
    for (const { name, value } of changes) {
      const problem = thresholdProblem(rule, name, value);
      // Names the threshold, so a form shows the message beside its field.
      if (problem) throw badInput(problem, `thresholds.${name}`);
    }
    if (input.enabled == null && input.severity == null && !changes.length && !input.resetToDefaults) {
      throw badInput('Say what to change: enabled, severity, thresholds or resetToDefaults.');
    }
    const [before] = await this.db.query<RuleSettingRow>(
      `select ${SETTING_COLUMNS} from governance_rule_setting where rule_code = $1 for update`,
      [rule.code],
    );
    const base = input.resetToDefaults ? {} : (before?.thresholds ?? {});
    const thresholds = { ...base, ...Object.fromEntries(changes.map((t) => [t.name, t.value])) };
    const severity = input.severity ?? (input.resetToDefaults ? null : (before?.severity ?? null));
    const [after] = await this.db.query<RuleSettingRow>(
      `insert into governance_rule_setting (tenant_id, rule_code, enabled, severity, thresholds, updated_by_user_id)
       values (nullif(current_setting('app.tenant_id', true), '')::uuid, $1, $2, $3, $4, nullif(current_setting('app.user_id', true), '')::uuid)
       on conflict (tenant_id, rule_code) do update
          set enabled = excluded.enabled, severity = excluded.severity, thresholds = excluded.thresholds,
              updated_by_user_id = excluded.updated_by_user_id, updated_at = now()
       returning ${SETTING_COLUMNS}`,
      [rule.code, input.enabled ?? before?.enabled ?? true, severity, JSON.stringify(thresholds)],
    );
    await this.audit.record({
      action: 'governance_rule.updated',
      entityType: 'GOVERNANCE_RULE',
      // The audit trail keys entries by uuid: a rule's is named after its code.
      entityId: nameBasedUuid(`joinedup.governance_rule:${rule.code}`),
      before: before ? { code: rule.code, enabled: before.enabled, severity: before.severity, thresholds: before.thresholds } : { code: rule.code },
      after: { code: rule.code, enabled: after.enabled, severity: after.severity, thresholds: after.thresholds },
    });
    return toRuleType(rule, [after]);
  }
}

function toRuleType(rule: GovernanceRule, rows: readonly RuleSettingRow[]): GovernanceRuleType {
  const setting = effectiveSettings([rule], rows)[rule.code];
  return {
    code: rule.code,
    barrier: rule.barrier,
    subjectType: rule.subjectType,
    description: rule.description,
    enabled: setting.enabled,
    severity: setting.severity,
    defaultSeverity: rule.severity,
    tenantWide: rule.tenantWide ?? false,
    thresholds: Object.entries(rule.thresholds).map(([name, spec]) => ({
      name,
      value: setting.thresholds[name],
      defaultValue: spec.default,
      min: spec.min,
      max: spec.max,
      unit: spec.unit,
      description: spec.description,
    })),
  };
}
