import type { WebFlagQuery } from '../graphql/generated';

/** The GraphQL documents of the flag page and of the coordinator's actions on it. */

/** The flag page: the flag, what it is about, its evidence records and history, and who is looking (which forms to show). */
export const FLAG_PAGE = /* GraphQL */ `query WebFlag($id: ID!) {
  me { id role }
  governanceFlag(id: $id) {
    id ruleCode barrier severity state subjectType subjectId message
    firstRaisedAt lastSeenAt evidenceChangedAt resolvedAt acknowledgedAt dismissedAt dismissalReason
    locality { id name } programme { id name } organisation { id name }
    evidenceRecords { type id role }
    history { kind at actorUserId reason }
  }
}`;

export const ACKNOWLEDGE_FLAG = /* GraphQL */ `mutation WebAcknowledgeFlag($input: AcknowledgeFlagInput!) {
  acknowledgeGovernanceFlag(input: $input) { id state }
}`;

export const DISMISS_FLAG = /* GraphQL */ `mutation WebDismissFlag($input: DismissFlagInput!) {
  dismissGovernanceFlag(input: $input) { id state }
}`;

/** A scan of the flag's locality (of every locality for a flag that has none: its rule judges across them). */
export const REQUEST_SCAN = /* GraphQL */ `mutation WebRequestScan($localityId: ID) {
  requestGovernanceScan(localityId: $localityId) { id state }
}`;

export type FlagPage = WebFlagQuery;
export type Flag = WebFlagQuery['governanceFlag'];
export type FlagHistoryEntry = Flag['history'][number];
