import { readRuleForm, ruleFieldOf, RuleView, thresholdHint } from './rule-form';

const RULE: RuleView = {
  code: 'CONFLICT_UNACKNOWLEDGED',
  barrier: 'CONFLICT_RESOLUTION',
  description: 'A conflict not acknowledged within `days`.',
  subjectType: 'CONFLICT',
  enabled: true,
  severity: 'MEDIUM',
  defaultSeverity: 'MEDIUM',
  tenantWide: false,
  thresholds: [
    { name: 'days', description: 'Days allowed.', unit: 'days', min: 1, max: 90, default: 14, value: 14 },
    { name: 'share', description: 'Share of bodies.', unit: 'share', min: 0, max: 1, default: 0.5, value: 0.5 },
  ],
};

describe('governance rule form', () => {
  it('reads a rule within its ranges', () => {
    const read = readRuleForm({ enabled: 'no', severity: 'HIGH', 'threshold-days': '30', 'threshold-share': '0.25' }, RULE);
    expect(read.input).toEqual({ code: 'CONFLICT_UNACKNOWLEDGED', enabled: false, severity: 'HIGH', thresholds: [{ name: 'days', value: 30 }, { name: 'share', value: 0.25 }] });
  });

  it('says which threshold is out of its range, keeping what was typed', () => {
    const read = readRuleForm({ enabled: 'yes', severity: 'LOW', 'threshold-days': '400', 'threshold-share': '1.5' }, RULE);
    expect(read.input).toBeUndefined();
    expect(read.errors).toEqual([
      { href: '#threshold-days', text: 'Enter the days threshold as a whole number from 1 to 90' },
      { href: '#threshold-share', text: 'Enter the share threshold as a number from 0 to 1, for example 0.5' },
    ]);
    expect(read.values.thresholds).toEqual({ days: '400', share: '1.5' });
  });

  it('hints each range and default, and finds the field an API refusal names', () => {
    expect(thresholdHint(RULE.thresholds[0])).toBe('Days allowed. From 1 to 90 days; by default 14.');
    expect(thresholdHint(RULE.thresholds[1])).toBe('Share of bodies. From 0 to 1, as a share from 0 to 1 (0.25 is 25 %); by default 0.5.');
    expect(ruleFieldOf('thresholds.share', RULE)).toBe('#threshold-share');
    expect(ruleFieldOf('code', RULE)).toBe('#threshold-days');
  });
});
