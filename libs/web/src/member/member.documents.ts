/**
 * The GraphQL documents of the member representative's pages, one per page. Each reads
 * `me { organisationId }` too, so a page for another body is refused before it shows anything.
 */

/** How many items each list of the to-do page shows at once. */
export const TODO_SIZE = 20;

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

/**
 * "For my body": what waits for the body, each list bounded (with the count of all, or a
 * next page), and the body's localities and programmes for the forms that start from them.
 */
export const MY_BODY = /* GraphQL */ `query WebMyBody($organisationId: ID!, $from: String!, $to: String!, $alignmentAfter: String, $conflictsAfter: String) {
  me { organisationId }
  organisation(id: $organisationId) {
    id name
    briefingAcknowledgement(from: $from, to: $to) {
      unacknowledgedCount
      unacknowledged(first: ${TODO_SIZE}) { nodes { id title issuedOn programme { name }
        acknowledgementCounts { recipients acknowledged byCascade { cascade count } } } }
    }
    alignmentRequestsReceived(status: [REQUESTED], first: ${TODO_SIZE}, after: $alignmentAfter) {
      nodes { id title responseDueOn responseOverdue requestingOrganisation { name } programme { name } }
      ${PAGE_INFO}
    }
    nominationsToEndorse(first: ${TODO_SIZE}) {
      count
      nodes { id kind nominatedAt person { fullName } programme { id name } tally { participants supporting opposing abstaining pending } }
    }
  }
  conflicts(organisationId: $organisationId, status: [OPEN, ACKNOWLEDGED, IN_RESOLUTION], first: ${TODO_SIZE}, after: $conflictsAfter) {
    nodes { id title status severity detailsVisible allowedActions }
    ${PAGE_INFO}
  }
  localities(first: ${TODO_SIZE}) { nodes { id name programmes { id name status participants { id } } } }
}`;

/**
 * MY_BODY's variables as the page sends them: everything the body has not acknowledged up to
 * today, and the pages of the two paged lists it is on.
 */
export function myBodyVariables(
  organisationId: string,
  pages: { alignmentAfter?: string; conflictsAfter?: string } = {},
  now = new Date(),
): { organisationId: string; from: string; to: string; alignmentAfter?: string; conflictsAfter?: string } {
  return { organisationId, from: '2000-01-01', to: now.toISOString().slice(0, 10), ...pages };
}

export const BRIEFING = /* GraphQL */ `query WebBriefing($id: ID!) {
  me { organisationId }
  briefing(id: $id) { id title summary issuedOn link programme { name } acknowledgementCounts { recipients acknowledged } }
}`;

export const ACKNOWLEDGE_BRIEFING = /* GraphQL */ `mutation WebAcknowledgeBriefing($input: AcknowledgeBriefingInput!) {
  acknowledgeBriefing(input: $input) { cascade }
}`;

export const CONFLICT_FORM = /* GraphQL */ `query WebConflictForm($localityId: ID!) {
  me { organisationId }
  locality(id: $localityId) { id name members { organisation { id name } } }
}`;

export const RAISE_CONFLICT = /* GraphQL */ `mutation WebRaiseConflict($input: RaiseConflictInput!) {
  raiseConflict(input: $input) { id }
}`;

/** An alignment request addressed to the body, with what the caller may do to it now. */
export const ALIGNMENT_REQUEST = /* GraphQL */ `query WebAlignmentRequest($id: ID!) {
  me { organisationId }
  alignmentRequest(id: $id) {
    id kind title description status requestedOn responseDueOn responseOverdue allowedActions
    programme { name } requestingOrganisation { name } targetOrganisation { id name }
  }
}`;

export const AGREE_ALIGNMENT = /* GraphQL */ `mutation WebAgreeAlignment($input: AgreeAlignmentRequestInput!) {
  agreeAlignmentRequest(input: $input) { id status }
}`;

export const DECLINE_ALIGNMENT = /* GraphQL */ `mutation WebDeclineAlignment($input: DeclineAlignmentRequestInput!) {
  declineAlignmentRequest(input: $input) { id status }
}`;

/** A programme's open nomination, with every body's position now and the agreement rule. */
export const NOMINATION = /* GraphQL */ `query WebNomination($programmeId: ID!) {
  me { organisationId }
  programme(id: $programmeId) {
    id name agreementRule { kind supportThreshold maxOpposing }
    openNomination {
      id kind nominatedAt person { fullName jobTitle organisation { name } }
      tally { participants supporting opposing abstaining pending agreed }
      endorsements { position comment organisation { id name } }
    }
  }
}`;

export const ENDORSE = /* GraphQL */ `mutation WebEndorse($input: EndorseNominationInput!) {
  endorseNomination(input: $input) { id status }
}`;

/** What a recognition can name: the programme's bodies and their people, its milestones, and the giving body's people. */
export const RECOGNITION_FORM = /* GraphQL */ `query WebRecognitionForm($organisationId: ID!, $programmeId: ID!) {
  me { organisationId }
  organisation(id: $organisationId) { id name people { id fullName } }
  programme(id: $programmeId) {
    id name
    participants { id name people { id fullName } }
    milestones { id name achievedOn }
  }
}`;

export const RECORD_RECOGNITION = /* GraphQL */ `mutation WebRecordRecognition($input: RecordRecognitionInput!) {
  recordRecognition(input: $input) { id }
}`;

/** A conflict the body is involved in, with what the caller may do to it now. */
export const CONFLICT = /* GraphQL */ `query WebConflict($id: ID!) {
  me { organisationId }
  conflict(id: $id) {
    id title description category severity status detailsVisible currentStage stageDueOn stageOverdue allowedActions
    locality { name } programme { name } raisedByOrganisation { id name } parties { id name } stage { name owner }
  }
}`;

/** The conflict mutations a member body may take (the same input: the conflict and a note for its history). */
export const ACKNOWLEDGE_CONFLICT = /* GraphQL */ `mutation WebAcknowledgeConflict($input: ConflictTransitionInput!) {
  acknowledgeConflict(input: $input) { id status }
}`;

export const START_CONFLICT_RESOLUTION = /* GraphQL */ `mutation WebStartConflictResolution($input: ConflictTransitionInput!) {
  startConflictResolution(input: $input) { id status }
}`;

export const ESCALATE_CONFLICT = /* GraphQL */ `mutation WebEscalateConflict($input: ConflictTransitionInput!) {
  escalateConflict(input: $input) { id status }
}`;
