/** The one GraphQL document of each of the coordinator's health-check round pages. */
const PAGE = 'pageInfo { hasNextPage endCursor }';
const ROUND = 'id title opensOn closesOn status invitedCount responseCount minGroupSize countNeutral';

/** Rounds pages hold at most this many rows (the API allows 100). */
export const PAGE_SIZE = 20;

export const LOCALITIES = `query WebRoundLocalities($first: Int!, $after: String) {
  localities(first: $first, after: $after) { nodes { id name } ${PAGE} } }`;

export const ROUNDS = `query WebRounds($localityId: ID!, $first: Int!, $after: String) {
  locality(id: $localityId) { id name }
  surveyRounds(localityId: $localityId, first: $first, after: $after) { nodes { ${ROUND} } ${PAGE} } }`;

/** The form's locality; asking for its rounds too lets the API refuse those who may not see them. */
export const LOCALITY = `query WebOpenRoundForm($localityId: ID!) {
  locality(id: $localityId) { id name } surveyRounds(localityId: $localityId, first: 1) { nodes { id } } }`;

export const OPEN = `mutation WebOpenRound($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`;

export const ROUND_PAGE = `query WebRound($id: ID!) { surveyRound(id: $id) { ${ROUND} locality { id name } } }`;

export const INVITE = `mutation WebInvite($input: InviteToSurveyRoundInput!) { inviteToSurveyRound(input: $input) {
  invited alreadyInvited emailed links { person { fullName } organisation { name } link } } }`;

export const CLOSE = `mutation WebCloseRound($roundId: ID!) { closeSurveyRound(roundId: $roundId) { id } }`;

const BARRIER = 'barrier position statement answered dontKnow reportingWeakness share interval { low high } baselineShare baselineLabel difference';

export const RESULTS = `query WebRoundResults($roundId: ID!) { healthCheckResults(roundId: $roundId) {
  round { id title opensOn closesOn status locality { id name } }
  provisional suppressed note invitedCount responseCount countNeutral minGroupSize
  barriers { ${BARRIER} }
  bySector { group { kind sector } responses suppressed note barriers { position share } }
  byOrganisation { group { kind organisation { name } } responses suppressed note barriers { position share } } } }`;

export interface Page<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface Round {
  id: string;
  title: string;
  opensOn: string;
  closesOn: string;
  status: 'SCHEDULED' | 'OPEN' | 'CLOSED';
  invitedCount: number;
  responseCount: number;
  minGroupSize: number;
  countNeutral: boolean;
  locality?: { id: string; name: string };
}

export interface Invitations {
  invited: number;
  alreadyInvited: number;
  /** Invitees whose link the worker emails them (sending on, address known): never shown here. */
  emailed: number;
  links: { person: { fullName: string }; organisation: { name: string }; link: string }[];
}

interface BarrierResult {
  barrier: string | null;
  position: number;
  statement: string;
  answered: number;
  dontKnow: number;
  reportingWeakness: number;
  share: number | null;
  interval: { low: number; high: number } | null;
  baselineShare: number | null;
  baselineLabel: string | null;
  difference: number | null;
}

interface GroupResult {
  group: { kind: string; sector?: string | null; organisation?: { name: string } | null };
  responses: number | null;
  suppressed: boolean;
  note: string | null;
  barriers: { position: number; share: number | null }[];
}

export interface Results {
  round: Round & { locality: { id: string; name: string } };
  provisional: boolean;
  suppressed: boolean;
  note: string | null;
  invitedCount: number;
  responseCount: number;
  countNeutral: boolean;
  minGroupSize: number;
  barriers: BarrierResult[];
  bySector: GroupResult[];
  byOrganisation: GroupResult[];
}
