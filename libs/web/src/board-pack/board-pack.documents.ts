import { HEALTH_CHECK_FIELDS, HEALTH_FIELDS } from '../health/health-barriers';

/**
 * The board pack's one document: a locality's health, trend and open flags (as its health
 * page reads them), the flags raised and resolved lately (for "what changed"), its latest
 * health check, and its programmes' leaders, reviews and open items. Member representatives
 * are refused by the API itself: governance flags are not theirs.
 */

/** Flags the pack reads of each kind (the API allows 100); the pack says "at least" beyond. */
export const PACK_FLAGS = 100;

export const BOARD_PACK = /* GraphQL */ `query WebBoardPack($localityId: ID!, $from: String!, $to: String!) {
  locality(id: $localityId) { id name code
    governanceHealth { ${HEALTH_FIELDS} }
    governanceFlagCounts { high medium low }
    programmes { id name status governanceHealth { overall }
      leader { agreedAt reconfirmBy person { fullName } }
      nextReview { dueOn }
      completedReviews(first: 1) { completedOn effectivenessRating efficiencyRating }
      openActions { id description dueOn owner { fullName } }
      milestones { id name dueOn achieved } } }
  healthTrend(localityId: $localityId, from: $from, to: $to) { ${HEALTH_FIELDS} }
  openFlags: governanceFlags(localityId: $localityId, first: ${PACK_FLAGS}) {
    nodes { id barrier severity message firstRaisedAt programme { name } } pageInfo { hasNextPage } }
  raisedFlags: governanceFlags(localityId: $localityId, state: [OPEN, ACKNOWLEDGED, DISMISSED, RESOLVED], first: ${PACK_FLAGS}) {
    nodes { id barrier firstRaisedAt } pageInfo { hasNextPage } }
  resolvedFlags: governanceFlags(localityId: $localityId, state: [RESOLVED], first: ${PACK_FLAGS}) {
    nodes { id barrier resolvedAt } pageInfo { hasNextPage } }
  latestHealthCheckResults(localityId: $localityId) { ${HEALTH_CHECK_FIELDS} }
}`;
