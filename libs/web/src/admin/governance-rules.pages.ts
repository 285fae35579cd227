import { Request, Response } from 'express';
import { WebGovernanceRulesDocument, WebGovernanceRulesQuery, WebUpdateGovernanceRuleDocument } from '../graphql/generated';
import { words } from '../dates';
import { FieldError } from '../health-check/answer-form';
import { barrierLabel, HEALTH_BARRIERS } from '../health/health-barriers';
import { SEVERITY_TAG } from '../flags/flag-view';
import { ManagePages } from '../manage/manage-pages';
import { paramOf } from '../web-kit';
import { RULES_PATH } from './admin-paths';
import { readRuleForm, RULE_SEVERITIES, ruleFieldOf, RuleFormValues, ruleValues, RuleView, thresholdField, thresholdHint } from './rule-form';

/** The API changes rules for tenant administrators only; coordinators and reviewers read them. */
const RULE_CHANGERS = ['TENANT_ADMIN'];

const DONE: Record<string, string> = {
  saved: 'Rule changed: scans use it from the next one on',
  reset: 'Rule back to its built-in settings: scans use them from the next one on',
};

/** A rule code as the API writes them (an address that is not one is no page). */
const isRuleCode = (raw: string): boolean => /^[A-Z][A-Z0-9_]{0,79}$/.test(raw);

/**
 * `/manage/governance-rules`: every rule with this tenant's settings, by barrier; a rule's
 * page changes its enabled state, severity and thresholds within their ranges, or resets
 * it. Tenant administrators change; coordinators and reviewers read (the API's roles).
 */
export function registerGovernanceRulePages(manage: ManagePages): void {
  const { kit } = manage;

  kit.get(RULES_PATH, async (req, res) => {
    const data = await manage.read(req, res, WebGovernanceRulesDocument, {});
    if (!data) return;
    const groups = HEALTH_BARRIERS.map((b) => ({ label: b.label, rules: data.governanceRules.filter((r) => r.barrier === b.code).map(ruleSummary) })).filter((g) => g.rules.length);
    kit.render(res, 'admin/rules.njk', { title: 'Governance rules', path: RULES_PATH, done: ManagePages.done(req, DONE), groups, mayChange: RULE_CHANGERS.includes(data.me.role) });
  });

  kit.get(`${RULES_PATH}/:code`, async (req, res) => {
    const found = await readRule(req, res);
    if (found) showRule(req, res, found, ruleValues(found.rule), []);
  });

  kit.post(`${RULES_PATH}/:code`, async (req, res) => {
    const found = await readRule(req, res);
    if (!found) return;
    const read = readRuleForm(req.body ?? {}, found.rule);
    if (!read.input) return showRule(req, res, found, read.values, read.errors);
    const refused = await manage.submit(req, res, WebUpdateGovernanceRuleDocument, { input: read.input }, RULES_PATH, 'saved');
    if (refused) showRule(req, res, found, read.values, [{ href: ruleFieldOf(refused.error.extensions.field, found.rule), text: refused.error.message }]);
  });

  kit.post(`${RULES_PATH}/:code/reset`, async (req, res) => {
    const found = await readRule(req, res);
    if (!found) return;
    const refused = await manage.submit(req, res, WebUpdateGovernanceRuleDocument, { input: { code: found.rule.code, resetToDefaults: true } }, RULES_PATH, 'reset');
    if (refused) kit.refused(res, refused.error);
  });

  /** The rule of the address, read with every rule (the API's one list); the 404 page when there is none. */
  async function readRule(req: Request, res: Response): Promise<{ rule: RuleView; me: WebGovernanceRulesQuery['me'] } | undefined> {
    const code = paramOf(req, 'code');
    if (!isRuleCode(code)) return void kit.message(res, 404, 'Page not found', 'There is no governance rule at this address. Go back to the governance rules.');
    const data = await manage.read(req, res, WebGovernanceRulesDocument, {});
    if (!data) return undefined;
    const rule = data.governanceRules.find((r) => r.code === code);
    if (!rule) return void kit.message(res, 404, 'Page not found', `There is no governance rule ${code}. Go back to the governance rules.`);
    return { rule, me: data.me };
  }

  function showRule(req: Request, res: Response, { rule, me }: { rule: RuleView; me: { role: string } }, values: RuleFormValues, errors: FieldError[]): void {
    manage.form(res, 'admin/rule.njk', {
      title: words(rule.code),
      path: RULES_PATH,
      rule: ruleSummary(rule),
      mayChange: RULE_CHANGERS.includes(me.role),
      values,
      severities: RULE_SEVERITIES.map((s) => ({ ...s, checked: s.value === values.severity })),
      thresholds: rule.thresholds.map((t) => ({ ...t, field: thresholdField(t.name), hint: thresholdHint(t), value: values.thresholds[t.name] ?? '', whole: t.unit === 'days' || t.unit === 'count' })),
    }, errors);
  }
}

/** What the list and the rule's page show of a rule. */
function ruleSummary(rule: RuleView) {
  const changed = rule.severity !== rule.defaultSeverity || rule.thresholds.some((t) => t.value !== t.default);
  return {
    ...rule,
    name: words(rule.code),
    barrierLabel: barrierLabel(rule.barrier),
    severityText: RULE_SEVERITIES.find((s) => s.value === rule.severity)?.text ?? rule.severity,
    severityClass: SEVERITY_TAG[rule.severity],
    thresholdText: rule.thresholds.map((t) => `${t.name} ${t.value}${t.value !== t.default ? ` (default ${t.default})` : ''}`).join(', '),
    changed,
  };
}
