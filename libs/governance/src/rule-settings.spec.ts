import { Barrier, Severity, SubjectType } from './barriers';
import { GovernanceRule } from './governance-rule';
import { effectiveSettings, thresholdProblem } from './rule-settings';

const rule: GovernanceRule = {
  code: 'TEST_RULE',
  barrier: Barrier.LEADERSHIP,
  subjectType: SubjectType.PROGRAMME,
  severity: Severity.MEDIUM,
  description: 'Test.',
  thresholds: {
    days: { default: 21, min: 1, max: 365, unit: 'days', description: 'Days.' },
    share: { default: 0.5, min: 0, max: 1, unit: 'share', description: 'Share.' },
  },
  sql: () => 'select 1',
};

describe('effectiveSettings', () => {
  it('runs a rule with its defaults when the tenant changed nothing', () => {
    expect(effectiveSettings([rule], [])).toEqual({ TEST_RULE: { enabled: true, severity: 'MEDIUM', thresholds: { days: 21, share: 0.5 } } });
  });

  it("applies the tenant's values over the defaults, ignoring unknown and out-of-bounds ones", () => {
    const settings = effectiveSettings(
      [rule],
      [{ rule_code: 'TEST_RULE', enabled: false, severity: Severity.HIGH, thresholds: { days: 400, share: 0.25, weeks: 3 } }],
    );
    expect(settings.TEST_RULE).toEqual({ enabled: false, severity: 'HIGH', thresholds: { days: 21, share: 0.25 } });
  });
});

describe('thresholdProblem', () => {
  it('accepts values within bounds in the right unit', () => {
    expect(thresholdProblem(rule, 'days', 30)).toBeNull();
    expect(thresholdProblem(rule, 'share', 0.47)).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(thresholdProblem(rule, 'weeks', 2)).toBe('Rule TEST_RULE has no threshold "weeks" (it has days, share).');
    expect(thresholdProblem(rule, 'days', 0)).toBe('Threshold days of TEST_RULE must be between 1 and 365 days.');
    expect(thresholdProblem(rule, 'days', 2.5)).toBe('Threshold days of TEST_RULE must be a whole number of days.');
    expect(thresholdProblem(rule, 'share', Number.NaN)).toBe('Threshold share of TEST_RULE must be a number.');
  });
});
