/** The one GraphQL document of each of the coordinator's health-check round pages. */
const PAGE = 'pageInfo { hasNextPage endCursor }';
const ROUND = 'id title opensOn closesOn status invitedCount responseCount minGroupSize countNeutral';

/** Rounds pages hold at most this many rows (the API allows 100). */
export const PAGE_SIZE = 20;

export const LOCALITIES = /* GraphQL */ `query WebRoundLocalities($first: Int!, $after: String) {
  localities(first: $first, after: $after) { nodes { id name } ${PAGE} } }`;

export const ROUNDS = /* GraphQL */ `query WebRounds($localityId: ID!, $first: Int!, $after: String) {
  locality(id: $localityId) { id name }
  surveyRounds(localityId: $localityId, first: $first, after: $after) { nodes { ${ROUND} } ${PAGE} } }`;

/** The form's locality; asking for its rounds too lets the API refuse those who may not see them. */
export const LOCALITY = /* GraphQL */ `query WebOpenRoundForm($localityId: ID!) {
  locality(id: $localityId) { id name programmes { id name status } } surveyRounds(localityId: $localityId, first: 1) { nodes { id } } }`;

export const OPEN = /* GraphQL */ `mutation WebOpenRound($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`;

export const ROUND_PAGE = /* GraphQL */ `query WebRound($id: ID!) { surveyRound(id: $id) { ${ROUND} locality { id name } programme { name } } }`;

export const INVITE = /* GraphQL */ `mutation WebInvite($input: InviteToSurveyRoundInput!) { inviteToSurveyRound(input: $input) {
  invited alreadyInvited emailed emailSkipped links { person { fullName } organisation { name } link } } }`;

export const CLOSE = /* GraphQL */ `mutation WebCloseRound($roundId: ID!) { closeSurveyRound(roundId: $roundId) { id } }`;

const BARRIER = 'barrier position statement answered dontKnow reportingWeakness share interval { low high } baselineShare baselineLabel difference';

export const RESULTS = /* GraphQL */ `query WebRoundResults($roundId: ID!) { healthCheckResults(roundId: $roundId) {
  round { id title opensOn closesOn status locality { id name } }
  provisional suppressed note invitedCount responseCount countNeutral minGroupSize
  barriers { ${BARRIER} }
  perceptionGap { barrier surveyShare recordsShare programmes flaggedProgrammes side reading }
  bySector { group { kind sector } responses suppressed note barriers { position share } }
  byOrganisation { group { kind organisation { name } } responses suppressed note barriers { position share } } } }`;
