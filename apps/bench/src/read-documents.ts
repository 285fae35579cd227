import { print } from 'graphql';
import { conflictLogVariables, pageDocuments } from '@joinedup/web';

/** The reads of npm run bench:read: one GraphQL document for JoinedUp and its equivalent for PostGraphile's schema. */
export type ReadKey = 'dashboard' | 'conflicts' | 'flags' | 'organisation' | 'round';
export const READ_KEYS: readonly ReadKey[] = ['dashboard', 'conflicts', 'flags', 'organisation', 'round'];

export interface BenchRead {
  key: ReadKey;
  label: string;
  /** What the subject id names (a locality, an organisation, a round). */
  subject: 'locality' | 'organisation' | 'round';
  joinedup: { query: string; variables: (id: string) => Record<string, unknown> };
  /** PostGraphile 4 and 5 differ only in the primary key's name: `id` in 4, `rowId` in 5 (whose `id` is the node id). */
  postgraphile: (version: 4 | 5) => { query: string; variables: (id: string, tenantId: string) => Record<string, unknown> };
}

/** The row key field and the lookup by tenant and key of a PostGraphile version. */
function keys(version: 4 | 5): { id: string; by: (table: string) => string } {
  const id = version === 4 ? 'id' : 'rowId';
  const by = (table: string) => `${table}ByTenantIdAnd${version === 4 ? 'Id' : 'RowId'}(tenantId: $t, ${id}: $id)`;
  return { id, by };
}
const pgVariables = (id: string, tenantId: string) => ({ id, t: tenantId });

/** A day in recognitions' form, for "everything up to today". */
const today = () => new Date().toISOString().slice(0, 10);

export const BENCH_READS: readonly BenchRead[] = [
  {
    key: 'dashboard',
    label: 'locality dashboard',
    subject: 'locality',
    joinedup: {
      query: `query($id: ID!) { locality(id: $id) { name code activeMemberCount
    members { joinedOn organisation { name sector people { fullName jobTitle } } }
    programmes { name status participants { name } leader { agreedAt reconfirmBy person { fullName } } } } }`,
      variables: (id) => ({ id }),
    },
    postgraphile: (version) => ({
      query: `query($t: UUID!, $id: UUID!) { ${keys(version).by('locality')} { name code activeMemberCount
    membershipsByTenantIdAndLocalityIdList(condition: {leftOn: null}) { joinedOn organisationByTenantIdAndOrganisationId { name sector
      peopleByTenantIdAndOrganisationIdList { fullName jobTitle } } }
    programmesByTenantIdAndLocalityIdList { name status
      programmeParticipantsByTenantIdAndProgrammeIdList(condition: {leftAt: null}) { organisationByTenantIdAndOrganisationId { name } }
      programmeLeadersByTenantIdAndProgrammeIdList(condition: {steppedDownAt: null}) { agreedAt reconfirmBy personByTenantIdAndPersonId { fullName } } } } }`,
      variables: pgVariables,
    }),
  },
  {
    // The conflict log page's own document (its first page, no filter). PostGraphile reads the
    // same rows and the columns the API derives detailsVisible (the caller's role) and
    // stageOverdue (stage_due_on) from; the locality's process stages of every version, where
    // the API picks the agreed one.
    key: 'conflicts',
    label: 'conflict log',
    subject: 'locality',
    joinedup: { query: print(pageDocuments.WebConflictLogDocument), variables: (id) => conflictLogVariables(id) },
    postgraphile: (version) => {
      const { id, by } = keys(version);
      return {
        query: `query($t: UUID!, $id: UUID!, $first: Int!) { ${by('locality')} { ${id} name
    conflictProcessesByTenantIdAndLocalityIdList(condition: {programmeId: null}) {
      conflictProcessVersionsByTenantIdAndProcessIdList { agreedOn conflictProcessStagesByTenantIdAndVersionIdList(orderBy: STAGE_NUMBER_ASC) { stageNumber name } } }
    conflictsByTenantIdAndLocalityId(first: $first, orderBy: OPENED_AT_DESC) {
      nodes { ${id} title category severity status currentStage stageDueOn openedAt
        programmeByTenantIdAndProgrammeId { name } organisationByTenantIdAndRaisedByOrganisationId { name }
        conflictPartiesByTenantIdAndConflictIdList { organisationByTenantIdAndOrganisationId { name } }
        conflictProcessStageByTenantIdAndProcessVersionIdAndCurrentStage { name } }
      pageInfo { hasNextPage endCursor } } } }`,
        variables: (subject, tenantId) => ({ ...pgVariables(subject, tenantId), first: conflictLogVariables(subject).first }),
      };
    },
  },
  {
    // A locality's open flags as the locality health page lists them (its FLAG fields), with
    // the records each flag is about. The API derives evidenceRecords from the flag's
    // evidence JSON, which PostGraphile returns whole.
    key: 'flags',
    label: 'open flags',
    subject: 'locality',
    joinedup: {
      query: `query($id: ID!) { governanceFlags(localityId: $id, state: [OPEN], first: 30) {
    nodes { id ruleCode barrier severity message firstRaisedAt evidenceRecords { type id role } programme { id name } organisation { id name } }
    pageInfo { hasNextPage endCursor } } }`,
      variables: (id) => ({ id }),
    },
    postgraphile: (version) => {
      const { id, by } = keys(version);
      return {
        query: `query($t: UUID!, $id: UUID!) { ${by('locality')} {
    governanceFlagsByTenantIdAndLocalityId(condition: {state: "OPEN"}, first: 30, orderBy: FIRST_RAISED_AT_DESC) {
      nodes { ${id} ruleCode barrier severity message firstRaisedAt evidence
        programmeByTenantIdAndProgrammeId { ${id} name } organisationByTenantIdAndOrganisationId { ${id} name } }
      pageInfo { hasNextPage endCursor } } } }`,
        variables: pgVariables,
      };
    },
  },
  {
    // An organisation's page: the localities it is a member of, its people with the roles
    // they hold and the programmes of those roles, and the recognitions it received.
    key: 'organisation',
    label: 'organisation page',
    subject: 'organisation',
    joinedup: {
      query: `query($id: ID!, $from: String!, $to: String!) { organisation(id: $id) { id name sector
    memberships { joinedOn locality { id name } }
    people { id fullName jobTitle rolesHeld { id assignedAt role { title programme { name } } } }
    recognitionsReceived(from: $from, to: $to, first: 20, includePeople: false) {
      total recognitions { id givenOn reason programme { name } giverOrganisation { name } } } } }`,
      variables: (id) => ({ id, from: '2000-01-01', to: today() }),
    },
    postgraphile: (version) => {
      const { id, by } = keys(version);
      return {
        query: `query($t: UUID!, $id: UUID!) { ${by('organisation')} { ${id} name sector
    membershipsByTenantIdAndOrganisationIdList(condition: {leftOn: null}) { joinedOn localityByTenantIdAndLocalityId { ${id} name } }
    peopleByTenantIdAndOrganisationIdList { ${id} fullName jobTitle
      roleAssignmentsByTenantIdAndPersonIdList(condition: {endedAt: null}) { ${id} assignedAt
        programmeRoleByTenantIdAndProgrammeIdAndRoleId { title programmeByTenantIdAndProgrammeId { name } } } }
    recognitionsByTenantIdAndRecipientOrganisationId(first: 20, orderBy: GIVEN_ON_DESC) { totalCount
      nodes { ${id} givenOn reason programmeByTenantIdAndProgrammeId { name } organisationByTenantIdAndGiverOrganisationId { name } } } } }`,
        variables: pgVariables,
      };
    },
  },
  {
    // A closed health-check round's results page (its own document): the API publishes
    // figures (shares, intervals, groups under the minimum suppressed, the gap with the
    // records). PostGraphile has no such figures: it reads what they are built from (the
    // round, its statements, its invitations counted, its settled responses with their
    // answers), which a client would then have to compute. So this compares the published
    // answer with the raw rows behind it, not the same work.
    key: 'round',
    label: 'health-check results',
    subject: 'round',
    joinedup: { query: print(pageDocuments.WebRoundResultsDocument), variables: (roundId) => ({ roundId }) },
    postgraphile: (version) => {
      const { id, by } = keys(version);
      return {
        query: `query($t: UUID!, $id: UUID!) { ${by('surveyRound')} { ${id} title opensOn closesOn closedAt minGroupSize countNeutral
    localityByTenantIdAndLocalityId { ${id} name }
    surveyInstrumentByInstrumentId { surveyStatementsByInstrumentIdList { ${id} position barrier text baselineShare baselineLabel } }
    surveyInvitationsByTenantIdAndRoundId { totalCount }
    surveyResponsesByTenantIdAndRoundIdList { sector organisationByTenantIdAndOrganisationId { name }
      surveyAnswersByTenantIdAndResponseIdList { statementId answer } } } }`,
        variables: pgVariables,
      };
    },
  },
];
