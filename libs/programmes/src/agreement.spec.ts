import { AgreementRuleKind, EndorsementPosition as P, isAgreed, isOpposedBeyondRule, supportNeeded, tally } from './agreement';

const orgs = ['a', 'b', 'c'];
const positions = (entries: [string, P][]) => new Map(entries);
const unanimous = { kind: AgreementRuleKind.UNANIMOUS, supportThreshold: null, maxOpposing: null };
const twoThirds = { kind: AgreementRuleKind.QUALIFIED_MAJORITY, supportThreshold: 0.667, maxOpposing: 0 };

describe('tally', () => {
  it('counts each participant once and ignores non-participants', () => {
    const counts = tally(orgs, positions([['a', P.SUPPORT], ['b', P.OPPOSE], ['x', P.SUPPORT]]));
    expect(counts).toEqual({ participants: 3, supporting: 1, opposing: 1, abstaining: 0, pending: 1 });
  });
});

describe('isAgreed', () => {
  it('unanimous needs every participant to support', () => {
    expect(isAgreed(unanimous, tally(orgs, positions([['a', P.SUPPORT], ['b', P.SUPPORT]])))).toBe(false);
    expect(isAgreed(unanimous, tally(orgs, positions([['a', P.SUPPORT], ['b', P.SUPPORT], ['c', P.ABSTAIN]])))).toBe(false);
    expect(isAgreed(unanimous, tally(orgs, positions([['a', P.SUPPORT], ['b', P.SUPPORT], ['c', P.SUPPORT]])))).toBe(true);
  });

  it('qualified majority: two of three with a two-thirds threshold, if nobody opposes', () => {
    expect(isAgreed(twoThirds, tally(orgs, positions([['a', P.SUPPORT], ['b', P.SUPPORT]])))).toBe(true);
    expect(isAgreed(twoThirds, tally(orgs, positions([['a', P.SUPPORT], ['b', P.SUPPORT], ['c', P.OPPOSE]])))).toBe(false);
    expect(isAgreed(twoThirds, tally(orgs, positions([['a', P.SUPPORT], ['c', P.ABSTAIN]])))).toBe(false);
  });

  it('qualified majority without an opposition limit', () => {
    const rule = { ...twoThirds, maxOpposing: null };
    expect(isAgreed(rule, tally(orgs, positions([['a', P.SUPPORT], ['b', P.SUPPORT], ['c', P.OPPOSE]])))).toBe(true);
  });

  it('a changed endorsement changes the outcome', () => {
    const current = positions([['a', P.SUPPORT], ['b', P.SUPPORT], ['c', P.OPPOSE]]);
    expect(isAgreed(unanimous, tally(orgs, current))).toBe(false);
    current.set('c', P.SUPPORT);
    expect(isAgreed(unanimous, tally(orgs, current))).toBe(true);
  });

  it('agrees nothing for a programme without participants', () => {
    expect(isAgreed(unanimous, tally([], new Map()))).toBe(false);
    expect(isAgreed(twoThirds, tally([], new Map()))).toBe(false);
  });
});

describe('isOpposedBeyondRule', () => {
  const five = ['a', 'b', 'c', 'd', 'e'];
  const opposed = (rule: Parameters<typeof isAgreed>[0], entries: [string, P][], participants = orgs) =>
    isOpposedBeyondRule(rule, tally(participants, positions(entries)));

  it('unanimous: any opposition rules agreement out; abstaining or pending does not', () => {
    expect(opposed(unanimous, [['a', P.OPPOSE]])).toBe(true);
    expect(opposed(unanimous, [['a', P.ABSTAIN], ['b', P.SUPPORT]])).toBe(false);
    expect(opposed(unanimous, [])).toBe(false);
  });

  it('qualified majority with an opposition limit: one more than allowed', () => {
    const oneMayOppose = { ...twoThirds, maxOpposing: 1 };
    expect(opposed(oneMayOppose, [['a', P.OPPOSE]])).toBe(false);
    expect(opposed(oneMayOppose, [['a', P.OPPOSE], ['b', P.OPPOSE]])).toBe(true);
  });

  it('qualified majority without a limit: once too few are left to reach the threshold', () => {
    const threeFifths = { kind: AgreementRuleKind.QUALIFIED_MAJORITY, supportThreshold: 0.6, maxOpposing: null };
    expect(opposed(threeFifths, [['a', P.OPPOSE], ['b', P.OPPOSE], ['c', P.ABSTAIN]], five)).toBe(false);
    expect(opposed(threeFifths, [['a', P.OPPOSE], ['b', P.OPPOSE], ['c', P.OPPOSE]], five)).toBe(true);
  });

  it('is never true without an opposition, nor for a programme without participants', () => {
    expect(opposed(twoThirds, [['a', P.ABSTAIN], ['b', P.ABSTAIN], ['c', P.ABSTAIN]])).toBe(false);
    expect(isOpposedBeyondRule(unanimous, tally([], new Map()))).toBe(false);
  });
});

describe('supportNeeded', () => {
  it('is every participant when unanimous, the rounded share under a qualified majority, none without participants', () => {
    expect(supportNeeded(unanimous, 8)).toBe(8);
    expect(supportNeeded(twoThirds, 3)).toBe(2);
    expect(supportNeeded(twoThirds, 8)).toBe(6);
    expect(supportNeeded({ ...twoThirds, supportThreshold: 0.5 }, 8)).toBe(4);
    expect(supportNeeded(unanimous, 0)).toBeNull();
  });
});
