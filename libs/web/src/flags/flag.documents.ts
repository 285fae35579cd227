/** The GraphQL documents of the flag page and of the coordinator's actions on it. */

/** The flag page: the flag, what it is about, its evidence records and history, and who is looking (which forms to show). */
export const FLAG_PAGE = `query WebFlag($id: ID!) {
  me { id role }
  governanceFlag(id: $id) {
    id ruleCode barrier severity state subjectType subjectId message
    firstRaisedAt lastSeenAt evidenceChangedAt resolvedAt acknowledgedAt dismissedAt dismissalReason
    locality { id name } programme { id name } organisation { id name }
    evidenceRecords { type id role }
    history { kind at actorUserId reason }
  }
}`;

export const ACKNOWLEDGE_FLAG = `mutation WebAcknowledgeFlag($input: AcknowledgeFlagInput!) {
  acknowledgeGovernanceFlag(input: $input) { id state }
}`;

export const DISMISS_FLAG = `mutation WebDismissFlag($input: DismissFlagInput!) {
  dismissGovernanceFlag(input: $input) { id state }
}`;

/** A scan of the flag's locality (of every locality for a flag that has none: its rule judges across them). */
export const REQUEST_SCAN = `mutation WebRequestScan($localityId: ID) {
  requestGovernanceScan(localityId: $localityId) { id state }
}`;

export interface Named {
  id: string;
  name: string;
}

export interface FlagEvidenceRecord {
  type: string;
  id: string;
  role: string;
}

export interface FlagHistoryEntry {
  kind: string;
  at: string;
  actorUserId: string | null;
  reason: string | null;
}

export interface Flag {
  id: string;
  ruleCode: string;
  barrier: string;
  severity: string;
  state: string;
  subjectType: string;
  subjectId: string;
  message: string;
  firstRaisedAt: string;
  lastSeenAt: string;
  evidenceChangedAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  dismissedAt: string | null;
  dismissalReason: string | null;
  locality: Named | null;
  programme: Named | null;
  organisation: Named | null;
  evidenceRecords: FlagEvidenceRecord[];
  history: FlagHistoryEntry[];
}

export interface FlagPage {
  me: { id: string; role: string };
  governanceFlag: Flag;
}
