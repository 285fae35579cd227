/** The GraphQL documents of the conflict process pages, the conflict log and a conflict's page. */

/** A process's agreed version and its draft, each with its stages in order. */
const PROCESS = `conflictProcess {
  id
  agreedVersion { id version agreedOn agreementRecordedAt agreementRecordedByUserId stages { number name owner timeLimitDays } }
  draftVersion { id version updatedAt stages { number name owner timeLimitDays } }
}`;

/** A locality's own process (the default for its programmes), and who is looking (which forms to show). */
export const LOCALITY_PROCESS = /* GraphQL */ `query WebLocalityConflictProcess($localityId: ID!) {
  me { id role }
  locality(id: $localityId) { id name ${PROCESS} }
}`;

/** A programme's own process, and the agreed version its conflicts would follow now (its own, else its locality's). */
export const PROGRAMME_PROCESS = /* GraphQL */ `query WebProgrammeConflictProcess($programmeId: ID!) {
  me { id role }
  programme(id: $programmeId) {
    id name locality { id name } ${PROCESS}
    applicableConflictProcess { version process { programme { id } } }
  }
}`;

export const SET_PROCESS = /* GraphQL */ `mutation WebSetConflictProcess($input: SetConflictProcessInput!) {
  setConflictProcess(input: $input) { id }
}`;

export const AGREE_PROCESS = /* GraphQL */ `mutation WebAgreeConflictProcess($input: AgreeConflictProcessInput!) {
  agreeConflictProcess(input: $input) { id }
}`;

/** One page of a locality's conflicts, filtered; the API leaves out the details the caller may not read. */
export const CONFLICT_LOG = /* GraphQL */ `query WebConflictLog(
  $localityId: ID!, $first: Int!, $after: String,
  $status: [ConflictStatus!], $stage: [Int!], $severity: [ConflictSeverity!], $category: [ConflictCategory!]
) {
  me { role }
  locality(id: $localityId) {
    id name
    conflictProcess { agreedVersion { stages { number name } } }
    conflicts(first: $first, after: $after, status: $status, stage: $stage, severity: $severity, category: $category) {
      nodes {
        id title detailsVisible category severity status currentStage stageDueOn stageOverdue openedAt
        programme { name } raisedByOrganisation { name } parties { name } stage { name }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** A conflict as the caller may read it, with its history and what they may do to it now. */
export const MANAGE_CONFLICT = /* GraphQL */ `query WebManageConflict($id: ID!) {
  me { id role }
  conflict(id: $id) {
    id title description category severity status detailsVisible currentStage stageDueOn stageOverdue allowedActions
    openedAt closedAt outcome closeReason
    locality { id name } programme { id name } raisedByOrganisation { id name } parties { id name } stage { name owner }
    history { id kind stage stageDueOn note actorUserId actorOrganisation { name } occurredAt }
  }
}`;

/** The coordinator's own mutations; acknowledging, starting and escalating reuse the member pages' (member.documents.ts). */
export const COMMENT_ON_CONFLICT = /* GraphQL */ `mutation WebCommentOnConflict($input: CommentOnConflictInput!) {
  commentOnConflict(input: $input) { id }
}`;

export const RESOLVE_CONFLICT = /* GraphQL */ `mutation WebResolveConflict($input: ResolveConflictInput!) {
  resolveConflict(input: $input) { id status }
}`;

export const CLOSE_CONFLICT_UNRESOLVED = /* GraphQL */ `mutation WebCloseConflictUnresolved($input: CloseConflictUnresolvedInput!) {
  closeConflictUnresolved(input: $input) { id status }
}`;
