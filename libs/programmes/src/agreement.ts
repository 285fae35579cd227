/** How a leader nomination becomes agreed. */
export enum AgreementRuleKind {
  /** Every participating organisation supports. */
  UNANIMOUS = 'UNANIMOUS',
  /** At least `supportThreshold` of the participants support and at most `maxOpposing` oppose. */
  QUALIFIED_MAJORITY = 'QUALIFIED_MAJORITY',
}

export enum EndorsementPosition {
  SUPPORT = 'SUPPORT',
  OPPOSE = 'OPPOSE',
  ABSTAIN = 'ABSTAIN',
}

export interface AgreementRule {
  kind: AgreementRuleKind;
  /** Share of participants that must support, in (0, 1]; for QUALIFIED_MAJORITY. */
  supportThreshold: number | null;
  /** Most participants that may oppose; no limit when null. */
  maxOpposing: number | null;
}

export interface Tally {
  participants: number;
  supporting: number;
  opposing: number;
  abstaining: number;
  pending: number;
}

/**
 * Counts the current positions of the participating organisations; endorsements of
 * organisations that no longer participate do not count.
 */
export function tally(participants: readonly string[], positions: ReadonlyMap<string, EndorsementPosition>): Tally {
  const counts = { supporting: 0, opposing: 0, abstaining: 0, pending: 0 };
  for (const organisationId of new Set(participants)) {
    const position = positions.get(organisationId);
    if (position === EndorsementPosition.SUPPORT) counts.supporting++;
    else if (position === EndorsementPosition.OPPOSE) counts.opposing++;
    else if (position === EndorsementPosition.ABSTAIN) counts.abstaining++;
    else counts.pending++;
  }
  return { participants: new Set(participants).size, ...counts };
}

/** Whether the tally satisfies the rule. A programme with no participants agrees nothing. */
export function isAgreed(rule: AgreementRule, counts: Tally): boolean {
  if (counts.participants === 0) return false;
  if (rule.kind === AgreementRuleKind.UNANIMOUS) return counts.supporting === counts.participants;
  // Shares are compared to three decimals, the precision thresholds are stored with, so
  // that 2 of 3 meets a threshold of 0.667 (two thirds).
  const share = Math.round((counts.supporting / counts.participants) * 1000) / 1000;
  const opposingAllowed = rule.maxOpposing ?? Number.POSITIVE_INFINITY;
  return share >= (rule.supportThreshold ?? 1) && counts.opposing <= opposingAllowed;
}

/**
 * Whether the positions taken already rule the agreement out: even if every organisation
 * that has not opposed (pending or abstaining, as either may still come round) came to
 * support, the rule would not be met. A re-confirmation closes as not re-confirmed then.
 */
export function isOpposedBeyondRule(rule: AgreementRule, counts: Tally): boolean {
  const best: Tally = {
    ...counts,
    supporting: counts.participants - counts.opposing,
    abstaining: 0,
    pending: 0,
  };
  return counts.opposing > 0 && !isAgreed(rule, best);
}

/**
 * How many of `participants` must support for the rule to be met (with nobody opposing
 * beyond its limit): the smallest number that `isAgreed` accepts, so the figure shown
 * beside a tally is the rule's own; null when no one takes part (nothing can be agreed).
 */
export function supportNeeded(rule: AgreementRule, participants: number): number | null {
  for (let supporting = 0; supporting <= participants; supporting++) {
    const counts = { participants, supporting, opposing: 0, abstaining: 0, pending: participants - supporting };
    if (isAgreed(rule, counts)) return supporting;
  }
  return null;
}
