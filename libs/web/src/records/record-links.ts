/**
 * Where the records that flag evidence names are shown: `/records/<kind>/<id>`, kind the
 * record type in kebab-case plural. The one table of those addresses: the flag, record and
 * health pages all link through it.
 */
export const RECORD_KINDS = {
  locality: 'localities',
  programme: 'programmes',
  organisation: 'organisations',
  person: 'people',
  conflict: 'conflicts',
  conflictProcess: 'conflict-processes',
  conflictProcessVersion: 'conflict-process-versions',
  briefing: 'briefings',
  alignmentRequest: 'alignment-requests',
  improvementReview: 'improvement-reviews',
  improvementAction: 'improvement-actions',
  measure: 'measures',
  milestone: 'milestones',
  recognition: 'recognitions',
  role: 'roles',
  roleAssignment: 'role-assignments',
  nomination: 'nominations',
  leader: 'leaders',
} as const;

export type RecordType = keyof typeof RECORD_KINDS;

/** The address of a record's page. */
export function recordHref(type: RecordType, id: string): string {
  return `/records/${RECORD_KINDS[type]}/${encodeURIComponent(id)}`;
}

/**
 * The record type each id in flag evidence names, by its key in the evidence JSON (the
 * rules' `jsonb_build_object`s in libs/governance/src/rules): a key ending in `Ids` holds a
 * list of them, and lists of objects (`actions`, `reviews`, `assignments`) hold these keys.
 */
export const EVIDENCE_ID_KEYS: Readonly<Record<string, RecordType>> = {
  localityId: 'locality',
  programmeId: 'programme',
  organisationId: 'organisation',
  requestingOrganisationId: 'organisation',
  targetOrganisationId: 'organisation',
  opposingOrganisationIds: 'organisation',
  personId: 'person',
  conflictId: 'conflict',
  closedUnresolvedConflictIds: 'conflict',
  unagreedProcessIds: 'conflictProcess',
  processVersionId: 'conflictProcessVersion',
  lastBriefingId: 'briefing',
  briefingIds: 'briefing',
  unacknowledgedBriefingIds: 'briefing',
  requestId: 'alignmentRequest',
  declinedRequestIds: 'alignmentRequest',
  agreedRequestIds: 'alignmentRequest',
  reviewId: 'improvementReview',
  lastReviewId: 'improvementReview',
  actionId: 'improvementAction',
  measureId: 'measure',
  milestoneId: 'milestone',
  milestoneIds: 'milestone',
  lastRecognitionId: 'recognition',
  roleId: 'role',
  assignmentId: 'roleAssignment',
  nominationId: 'nomination',
  notReconfirmedNominationId: 'nomination',
  leaderId: 'leader',
  previousLeaderId: 'leader',
};
