import { AgreementRuleKind, EndorsementPosition, ProgrammeStatus } from '../graphql/generated';
import { STATUSES } from './programme-forms';

interface Rule {
  kind: AgreementRuleKind;
  supportThreshold?: number | null;
  maxOpposing?: number | null;
}

/** A share (0–1) as a whole per cent, or to one decimal when it has one: 0.667 → "66.7 %". */
export function percentOf(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

/** When a nomination is agreed, in words: "every body taking part supports", "at least 66.7 % of the bodies support, and at most 1 opposes". */
export function ruleText(rule: Rule): string {
  if (rule.kind === 'UNANIMOUS') return 'every body taking part supports';
  const share = `at least ${percentOf(rule.supportThreshold ?? 1)} of the bodies support`;
  if (rule.maxOpposing == null) return share;
  return `${share}, and at most ${rule.maxOpposing} ${rule.maxOpposing === 1 ? 'opposes' : 'oppose'}`;
}

interface Tally {
  participants: number;
  supporting: number;
  opposing: number;
  abstaining: number;
  pending: number;
  agreed: boolean;
  supportNeeded?: number | null;
}

/** The tally as it grows, with what the rule needs (the API's own figure): "5 of 8 support; needs 6 (at least 66.7 % of the bodies support)". */
export function tallyText(tally: Tally, rule: Rule): string {
  const support = `${tally.supporting} of ${tally.participants} support`;
  if (tally.agreed) return `${support}: agreed`;
  if (tally.supportNeeded == null) return `${support}; no body takes part, so nothing can be agreed`;
  return `${support}; needs ${tally.supportNeeded} (${ruleText(rule)})`;
}

const POSITION_WORDS: Record<EndorsementPosition, string> = { SUPPORT: 'Supports', OPPOSE: 'Opposes', ABSTAIN: 'Abstains' };

/** Each participating body's position on the nomination, by name: Supports, Opposes, Abstains or Waiting. */
export function positionsOf(
  participants: readonly { id: string; name: string }[],
  endorsements: readonly { position: EndorsementPosition; comment?: string | null; organisation: { id: string } }[],
): { name: string; position: string; comment: string }[] {
  const byBody = new Map(endorsements.map((e) => [e.organisation.id, e]));
  return [...participants]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((p) => {
      const given = byBody.get(p.id);
      return { name: p.name, position: given ? POSITION_WORDS[given.position] : 'Waiting', comment: given?.comment ?? '' };
    });
}

interface Fit {
  score: number;
  gaps: readonly { competency: string; requiredLevel: number; heldLevel?: number | null }[];
}

/** The API's fit as a share with what is missing: "67 % — missing: Safeguarding (level 3), Data (level 4, holds 2)". */
export function fitText(fit: Fit): string {
  const share = `${Math.round(fit.score * 100)} %`;
  if (!fit.gaps.length) return share;
  const gaps = fit.gaps.map((g) => `${g.competency} (level ${g.requiredLevel}${g.heldLevel != null ? `, holds ${g.heldLevel}` : ''})`);
  return `${share} — missing: ${gaps.join(', ')}`;
}

/** A person offered for a role, with the API's fit: "Sam Carer, Analyst (Police): fit 67 % — missing: Safeguarding (level 3)". */
export function candidateText(person: { fullName: string; jobTitle?: string | null; organisation: { name: string } }, fit: Fit): string {
  return `${person.fullName}${person.jobTitle ? `, ${person.jobTitle}` : ''} (${person.organisation.name}): fit ${fitText(fit)}`;
}

/** The statuses a programme can be changed to: any other, until it is closed (the API refuses a closed one every change). */
export function statusChoices(current: ProgrammeStatus): { value: ProgrammeStatus; text: string }[] {
  return current === 'CLOSED' ? [] : STATUSES.filter((s) => s.value !== current);
}

/** Distinct names, sorted as people read them (a competency held by many people is offered once). */
export function distinctNames(names: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const name of names) if (!seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  return [...seen.values()].sort((a, b) => a.localeCompare(b, 'en-GB'));
}
