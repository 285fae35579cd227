import { EVIDENCE_ID_KEYS, RecordType, recordHref } from './record-links';

/** A flag shows at most this many evidence links (evidence lists can be long: briefings, milestones). */
export const MAX_EVIDENCE_LINKS = 12;

/** A record type as a link's words. */
const RECORD_NAMES: Record<RecordType, string> = {
  locality: 'Locality',
  programme: 'Programme',
  organisation: 'Member body',
  person: 'Person',
  conflict: 'Conflict',
  conflictProcess: 'Conflict resolution process',
  conflictProcessVersion: 'Conflict resolution process version',
  briefing: 'Briefing',
  alignmentRequest: 'Alignment request',
  improvementReview: 'Improvement review',
  improvementAction: 'Improvement action',
  measure: 'Improvement measure',
  milestone: 'Milestone',
  recognition: 'Recognition',
  role: 'Role',
  roleAssignment: 'Role assignment',
  nomination: 'Leader nomination',
  leader: 'Leader',
};

export interface EvidenceLink {
  type: RecordType;
  id: string;
  href: string;
  /** "Briefing", or "Briefing 2" when the evidence names several of a type. */
  text: string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The records a flag's evidence names, in the order it names them, each once, at most
 * MAX_EVIDENCE_LINKS; `omit` leaves out a record the page already is (its programme, say).
 */
export function evidenceLinks(evidence: unknown, omit: string[] = []): EvidenceLink[] {
  const found = new Map<string, RecordType>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 3 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item) => visit(item, depth + 1));
    for (const [key, inner] of Object.entries(value)) {
      const type = EVIDENCE_ID_KEYS[key];
      if (!type) visit(inner, depth + 1);
      else for (const id of Array.isArray(inner) ? inner : [inner]) {
        if (typeof id === 'string' && ID.test(id) && !omit.includes(id) && !found.has(id)) found.set(id, type);
      }
    }
  };
  visit(evidence, 0);
  const all = [...found].map(([id, type]) => ({ id, type }));
  const counted = new Map<RecordType, number>();
  return all.slice(0, MAX_EVIDENCE_LINKS).map(({ id, type }) => {
    const several = all.filter((r) => r.type === type).length > 1;
    const n = (counted.get(type) ?? 0) + 1;
    counted.set(type, n);
    return { type, id, href: recordHref(type, id), text: several ? `${RECORD_NAMES[type]} ${n}` : RECORD_NAMES[type] };
  });
}
