import { HEALTH_CHECK_FIELDS, HEALTH_FIELDS } from './health-barriers';

/**
 * The one GraphQL document of each leader and reviewer health page. Member representatives
 * are refused by the API itself: each document reads governance flags, which are not theirs.
 */

/** Localities and flags per page (the API allows 100). */
export const LOCALITIES_PAGE_SIZE = 20;
export const FLAGS_PAGE_SIZE = 30;
/** The newest high-severity flags the overview shows. */
export const NEWEST_HIGH_FLAGS = 5;

const PAGE = 'pageInfo { hasNextPage endCursor }';
const FLAG = 'id barrier severity message firstRaisedAt evidenceRecords { type id role } programme { id name }';

export const LOCALITIES_HEALTH = /* GraphQL */ `query WebLocalitiesHealth($first: Int!, $after: String, $monthAgo: String!) {
  localities(first: $first, after: $after) {
    nodes { id name code
      governanceHealth { takenAt overall }
      governanceHealthAsOf(day: $monthAgo) { overall }
      governanceFlagCounts { high medium low } }
    ${PAGE}
  }
  governanceFlags(severity: [HIGH], first: ${NEWEST_HIGH_FLAGS}) { nodes { id message firstRaisedAt locality { id name } } }
}`;

export const LOCALITY_HEALTH = /* GraphQL */ `query WebLocalityHealth($localityId: ID!, $from: String!, $to: String!, $after: String) {
  locality(id: $localityId) { id name code
    governanceHealth { ${HEALTH_FIELDS} }
    governanceFlagCounts { high medium low }
    programmes { id name status governanceHealth { overall } } }
  healthTrend(localityId: $localityId, from: $from, to: $to) { ${HEALTH_FIELDS} }
  governanceFlags(localityId: $localityId, first: ${FLAGS_PAGE_SIZE}, after: $after) { nodes { ${FLAG} } ${PAGE} }
  latestHealthCheckResults(localityId: $localityId) { ${HEALTH_CHECK_FIELDS} }
}`;

export const PROGRAMME_HEALTH = /* GraphQL */ `query WebProgrammeHealth($programmeId: ID!, $from: String!, $to: String!, $after: String) {
  programme(id: $programmeId) { id name status locality { id name } governanceHealth { ${HEALTH_FIELDS} } }
  healthTrend(programmeId: $programmeId, from: $from, to: $to) { ${HEALTH_FIELDS} }
  governanceFlags(programmeId: $programmeId, first: ${FLAGS_PAGE_SIZE}, after: $after) { nodes { ${FLAG} } ${PAGE} }
  latestHealthCheckResults(programmeId: $programmeId) { ${HEALTH_CHECK_FIELDS} }
}`;
