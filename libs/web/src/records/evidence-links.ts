import { recordHref } from './record-links';

/** A list of flags shows at most this many evidence links a flag (evidence can name many briefings, milestones). */
export const MAX_EVIDENCE_LINKS = 12;

/** A record a flag's evidence names, as the API types it (GovernanceFlag.evidenceRecords). */
export interface EvidenceRecord {
  type: string;
  id: string;
  /** The evidence field that names it, e.g. opposingOrganisationIds. */
  role: string;
}

export interface EvidenceLink {
  type: string;
  id: string;
  href: string;
  /** "Programme: Safer streets", "Opposing organisation 2 of 3". */
  text: string;
}

/** What an evidence field names, where its name alone would say too little. */
const ROLE_NAMES: Record<string, string> = {
  organisationId: 'Member body',
  requestId: 'Alignment request',
  declinedRequestIds: 'Declined alignment request',
  agreedRequestIds: 'Agreed alignment request',
  unagreedProcessIds: 'Conflict resolution process not agreed',
  closedUnresolvedConflictIds: 'Conflict closed unresolved',
  roleId: 'Programme role',
  lastReviewId: 'Last improvement review',
  reviewId: 'Improvement review',
  lastRecognitionId: 'Last recognition',
  unacknowledgedBriefingIds: 'Briefing not acknowledged',
};

/** An evidence field in words: requestingOrganisationId → Requesting organisation. */
export function roleName(role: string): string {
  if (ROLE_NAMES[role]) return ROLE_NAMES[role];
  const spaced = role.replace(/Ids?$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * A flag's evidence records as links to their record pages, in the API's order: each
 * record once, none of `omit` (the record the page already is), at most `max`; named when
 * `named` knows the record (the flag's locality, programme, body), numbered when a field
 * names several.
 */
export function evidenceLinks(
  records: readonly EvidenceRecord[],
  { omit = [], named = [], max = MAX_EVIDENCE_LINKS }: { omit?: string[]; named?: ({ id: string; name: string } | null | undefined)[]; max?: number } = {},
): EvidenceLink[] {
  const names = new Map(named.filter((n) => n).map((n) => [n!.id, n!.name]));
  const seen = new Set<string>();
  const shown = records.filter((r) => !omit.includes(r.id) && recordHref(r.type, r.id) && !seen.has(r.id) && seen.add(r.id));
  const perRole = new Map<string, number>();
  for (const r of shown) perRole.set(r.role, (perRole.get(r.role) ?? 0) + 1);
  const counted = new Map<string, number>();
  return shown.slice(0, max).map((r) => {
    const n = (counted.get(r.role) ?? 0) + 1;
    counted.set(r.role, n);
    const total = perRole.get(r.role)!;
    const label = total > 1 ? `${roleName(r.role)} ${n} of ${total}` : roleName(r.role);
    const name = names.get(r.id);
    return { type: r.type, id: r.id, href: recordHref(r.type, r.id)!, text: name ? `${label}: ${name}` : label };
  });
}
