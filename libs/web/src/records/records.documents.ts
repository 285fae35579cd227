/**
 * The GraphQL documents of the record pages, one per kind of record a flag's evidence
 * names. Each reads the record as the signed-in user: the API's visibility rules apply
 * unchanged (a conflict's details only for those who may read them).
 */
const NAMED = 'id name';

export const LOCALITY_RECORD = /* GraphQL */ `query WebLocalityRecord($id: ID!) {
  record: locality(id: $id) { id name code region archivedAt activeMemberCount programmes { ${NAMED} status } }
}`;

export const PROGRAMME_RECORD = /* GraphQL */ `query WebProgrammeRecord($id: ID!) {
  record: programme(id: $id) {
    id name status purpose startsOn endsOn reviewCadenceDays locality { ${NAMED} }
    participants { ${NAMED} }
    leader { agreedAt reconfirmBy person { id fullName organisation { name } } }
    openNomination { kind status nominatedAt person { id fullName } tally { supporting opposing abstaining pending } }
  }
}`;

export const PROGRAMME_ROLE_RECORD = /* GraphQL */ `query WebProgrammeRoleRecord($id: ID!) {
  record: programmeRole(id: $id) {
    id title responsibilities requiredForProgramme vacantSince retiredAt retireReason
    programme { ${NAMED} locality { ${NAMED} } }
    requiredCompetencies { name minLevel }
    holder { assignedAt selectionMethod rationale person { id fullName } organisation { ${NAMED} } fit { score } }
  }
}`;

export const CONFLICT_RECORD = /* GraphQL */ `query WebConflictRecord($id: ID!) {
  record: conflict(id: $id) {
    id detailsVisible title description status category severity openedAt acknowledgedAt closedAt outcome closeReason
    stageDueOn stageOverdue stage { number name owner }
    locality { ${NAMED} } programme { ${NAMED} } raisedByOrganisation { ${NAMED} } parties { ${NAMED} }
  }
}`;

export const CONFLICT_PROCESS_RECORD = /* GraphQL */ `query WebConflictProcessRecord($id: ID!) {
  record: conflictProcess(id: $id) {
    id createdAt locality { ${NAMED} } programme { ${NAMED} }
    agreedVersion { version agreedOn stages { number name owner timeLimitDays } }
    draftVersion { version createdAt stages { number name owner timeLimitDays } }
  }
}`;

export const BRIEFING_RECORD = /* GraphQL */ `query WebBriefingRecord($id: ID!) {
  record: briefing(id: $id) {
    id title summary issuedOn link programme { ${NAMED} locality { ${NAMED} } } issuedByOrganisation { ${NAMED} }
    acknowledgementCounts { recipients acknowledged pending }
  }
}`;

export const ALIGNMENT_REQUEST_RECORD = /* GraphQL */ `query WebAlignmentRequestRecord($id: ID!) {
  record: alignmentRequest(id: $id) {
    id title description kind status requestedOn responseDueOn responseOverdue respondedOn response declineReason
    plannedOn adaptedOn withdrawnAt withdrawalReason
    requestingOrganisation { ${NAMED} } targetOrganisation { ${NAMED} } programme { ${NAMED} } locality { ${NAMED} }
  }
}`;

export const IMPROVEMENT_REVIEW_RECORD = /* GraphQL */ `query WebImprovementReviewRecord($id: ID!) {
  record: improvementReview(id: $id) {
    id status dueOn completedOn cancelledOn periodStart periodEnd effectivenessRating efficiencyRating findings
    programme { ${NAMED} locality { ${NAMED} } }
    values { value target met measure { name unit } }
    actions { description dueOn status daysOverdue }
  }
}`;

export const MILESTONE_RECORD = /* GraphQL */ `query WebMilestoneRecord($id: ID!) {
  record: milestone(id: $id) {
    id name dueOn achieved achievedOn overdue programme { ${NAMED} locality { ${NAMED} } }
    contributors { recognised organisation { ${NAMED} } }
  }
}`;

export const RECOGNITION_RECORD = /* GraphQL */ `query WebRecognitionRecord($id: ID!) {
  record: recognition(id: $id) {
    id reason givenOn programme { ${NAMED} locality { ${NAMED} } } milestone { ${NAMED} }
    creditedPerson { id fullName } recipientOrganisation { ${NAMED} } giverOrganisation { ${NAMED} }
  }
}`;

export const ORGANISATION_RECORD = /* GraphQL */ `query WebOrganisationRecord($id: ID!) {
  record: organisation(id: $id) { id name sector externalRef memberships { joinedOn locality { ${NAMED} } } }
}`;

export const PERSON_RECORD = /* GraphQL */ `query WebPersonRecord($id: ID!) {
  record: person(id: $id) {
    id fullName jobTitle organisation { ${NAMED} } competencies { name level }
    rolesHeld { role { id title programme { ${NAMED} } } }
  }
}`;
