/**
 * The GraphQL documents of the member representative's pages, one per page. Each reads
 * `me { organisationId }` too, so a page for another body is refused before it shows anything.
 */

/** "For my body": what waits for the body (bounded lists). */
export const MY_BODY = /* GraphQL */ `query WebMyBody($organisationId: ID!, $from: String!, $to: String!) {
  me { organisationId }
  organisation(id: $organisationId) {
    id name
    briefingAcknowledgement(from: $from, to: $to) {
      unacknowledgedCount
      unacknowledged(first: 20) { nodes { id title issuedOn programme { name } acknowledgementCounts { recipients acknowledged } } }
    }
    alignmentRequestsReceived(status: [REQUESTED], first: 20) {
      nodes { id title responseDueOn responseOverdue requestingOrganisation { name } programme { name } }
    }
  }
  conflicts(organisationId: $organisationId, status: [OPEN, ACKNOWLEDGED, IN_RESOLUTION], first: 20) {
    nodes { id title status severity detailsVisible allowedActions }
  }
  localities(first: 20) { nodes { id name } }
}`;

/** MY_BODY's variables as the page sends them: everything the body has not acknowledged, up to today. */
export function myBodyVariables(organisationId: string, now = new Date()): { organisationId: string; from: string; to: string } {
  return { organisationId, from: '2000-01-01', to: now.toISOString().slice(0, 10) };
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
