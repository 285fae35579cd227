/** The one GraphQL document of each programme management page, and the mutations of their forms. */
const PAGE = 'pageInfo { hasNextPage endCursor }';
const RULE = 'agreementRule { kind supportThreshold maxOpposing }';
const PERSON = 'id fullName jobTitle organisation { id name }';

/** Programmes listed a page at a time (the API allows 100). */
export const PROGRAMMES_PAGE_SIZE = 20;

/** A locality's programmes with their leader, and its member bodies to choose participants from. */
export const LOCALITY_PROGRAMMES = /* GraphQL */ `query WebManageProgrammes($localityId: ID!, $first: Int!, $after: String) {
  me { role }
  locality(id: $localityId) { id name archivedAt members { organisation { id name } } }
  programmes(localityId: $localityId, first: $first, after: $after) {
    nodes { id name status startsOn endsOn leader { person { fullName } } } ${PAGE} } }`;

export const CREATE_PROGRAMME = /* GraphQL */ `mutation WebCreateProgramme($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }`;

/** A programme: its settings, participants, and the locality's bodies not taking part. */
export const PROGRAMME = /* GraphQL */ `query WebManageProgramme($id: ID!) {
  me { role }
  programme(id: $id) { id name purpose status startsOn endsOn reviewCadenceDays leaderTermMonths ${RULE}
    locality { id name members { organisation { id name } } }
    participants { id name } } }`;

export const UPDATE_PROGRAMME = /* GraphQL */ `mutation WebUpdateProgramme($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { id } }`;
export const ADD_PARTICIPANT = /* GraphQL */ `mutation WebAddParticipant($input: ProgrammeParticipantInput!) { addProgrammeParticipant(input: $input) { id } }`;
export const REMOVE_PARTICIPANT = /* GraphQL */ `mutation WebRemoveParticipant($input: ProgrammeParticipantInput!) { removeProgrammeParticipant(input: $input) { id } }`;

/** Leadership: the leader and term, the open nomination with each body's position and the API's tally, and who may be nominated. */
export const LEADERSHIP = /* GraphQL */ `query WebManageLeadership($id: ID!) {
  me { role }
  programme(id: $id) { id name status leaderTermMonths ${RULE}
    leader { agreedAt reconfirmBy person { ${PERSON} } }
    openNomination { id kind nominatedAt person { ${PERSON} }
      endorsements { position comment organisation { id } }
      tally { participants supporting opposing abstaining pending agreed supportNeeded } }
    participants { id name people { id fullName jobTitle } } } }`;

export const NOMINATE = /* GraphQL */ `mutation WebNominateLeader($input: NominateLeaderInput!) { nominateLeader(input: $input) { id } }`;
export const WITHDRAW_NOMINATION = /* GraphQL */ `mutation WebWithdrawNomination($nominationId: ID!) { withdrawNomination(nominationId: $nominationId) { id } }`;
export const OPEN_RECONFIRMATION = /* GraphQL */ `mutation WebOpenReconfirmation($input: OpenLeaderReconfirmationInput!) { openLeaderReconfirmation(input: $input) { id } }`;
export const STEP_DOWN = /* GraphQL */ `mutation WebStepDownLeader($input: StepDownLeaderInput!) { stepDownLeader(input: $input) { id } }`;

const ROLE = `id title responsibilities requiredForProgramme vacantSince requiredCompetencies { name minLevel }
  holder { selectionMethod rationale assignedAt person { ${PERSON} } fit { score met required gaps { competency requiredLevel heldLevel } } }`;

/**
 * Roles, and the competencies the participating bodies' people hold: the names a role's
 * requirements are chosen from (the registry's own words, so they match when fit is computed).
 */
export const ROLES = /* GraphQL */ `query WebManageRoles($id: ID!) {
  me { role }
  programme(id: $id) { id name status roles { ${ROLE} }
    participants { people { competencies { name } } } } }`;

/** Candidates offered when assigning a role (the API allows 100), the best fits first. */
export const CANDIDATES_SHOWN = 100;

/** One role, with the people of the participating bodies who may hold it and each one's fit (the API's). */
export const ROLE_PAGE = /* GraphQL */ `query WebManageRole($id: ID!, $roleId: ID!, $candidates: Int!) {
  me { role }
  programme(id: $id) { id name status participants { people { competencies { name } } } }
  programmeRole(id: $roleId) { ${ROLE} retiredAt programme { id }
    candidates(first: $candidates) { person { ${PERSON} } fit { score gaps { competency requiredLevel heldLevel } } } } }`;

export const DEFINE_ROLE = /* GraphQL */ `mutation WebDefineRole($input: DefineRoleInput!) { defineRole(input: $input) { id } }`;
export const UPDATE_ROLE = /* GraphQL */ `mutation WebUpdateRole($input: UpdateRoleInput!) { updateRole(input: $input) { id } }`;
export const RETIRE_ROLE = /* GraphQL */ `mutation WebRetireRole($input: RetireRoleInput!) { retireRole(input: $input) { id } }`;
export const ASSIGN_ROLE = /* GraphQL */ `mutation WebAssignRole($input: AssignRoleInput!) { assignRole(input: $input) { id } }`;
export const VACATE_ROLE = /* GraphQL */ `mutation WebVacateRole($input: VacateRoleInput!) { vacateRole(input: $input) { id } }`;
