/**
 * Where each kind of record a flag's evidence names is shown: `/records/<kind>/<id>`, the
 * kind a kebab-case plural. Keyed by the API's EvidenceRecordType (libs/governance); the
 * spec checks every type the API declares has an address.
 */
export const RECORD_KINDS = {
  LOCALITY: 'localities',
  PROGRAMME: 'programmes',
  PROGRAMME_ROLE: 'programme-roles',
  CONFLICT: 'conflicts',
  CONFLICT_PROCESS: 'conflict-processes',
  BRIEFING: 'briefings',
  ALIGNMENT_REQUEST: 'alignment-requests',
  IMPROVEMENT_REVIEW: 'improvement-reviews',
  MILESTONE: 'milestones',
  RECOGNITION: 'recognitions',
  ORGANISATION: 'organisations',
  PERSON: 'people',
} as const;

export type RecordType = keyof typeof RECORD_KINDS;
export type RecordKind = (typeof RECORD_KINDS)[RecordType];

/** The record page of a record the API names by type and id; undefined for a type it has no page for. */
export function recordHref(type: string, id: string): string | undefined {
  const kind = Object.prototype.hasOwnProperty.call(RECORD_KINDS, type) ? RECORD_KINDS[type as RecordType] : undefined;
  return kind && `/records/${kind}/${encodeURIComponent(id)}`;
}
