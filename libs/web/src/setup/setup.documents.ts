/** The GraphQL documents of the set-up task list and the registry's management pages. */

/** `/setup`: how far the partnership is set up, and the first locality (the steps done in one). */
export const SETUP_PAGE = /* GraphQL */ `query WebSetup {
  me { role }
  setupProgress { localities memberBodies peopleWithCompetencies memberRepresentatives programmes agreedConflictProcesses measures }
  localities(first: 1) { nodes { id name } }
}`;

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

/** `/manage/localities`: 20 a page, archived ones too. */
export const MANAGE_LOCALITIES = /* GraphQL */ `query WebManageLocalities($after: String) {
  me { role }
  localities(first: 20, after: $after, includeArchived: true) { nodes { id name code region archivedAt activeMemberCount } ${PAGE_INFO} }
}`;

/** `/manage/localities/<id>`: the locality, its member bodies (at most 40) and a page of the tenant's bodies to add. */
export const MANAGE_LOCALITY = /* GraphQL */ `query WebManageLocality($id: ID!, $search: String, $after: String) {
  me { role }
  locality(id: $id) { id name code region archivedAt activeMemberCount members { joinedOn organisation { id name sector } } }
  organisations(first: 20, after: $after, nameContains: $search) { nodes { id name sector } ${PAGE_INFO} }
}`;

/** Archiving a locality, confirmed first. */
export const MANAGE_ARCHIVE = /* GraphQL */ `query WebManageArchive($id: ID!) {
  me { role }
  locality(id: $id) { id name archivedAt activeMemberCount programmes { id status } }
}`;

/** The page of one member body's leaving. */
export const MANAGE_MEMBER = /* GraphQL */ `query WebManageMember($localityId: ID!, $organisationId: ID!) {
  me { role }
  locality(id: $localityId) { id name archivedAt }
  organisation(id: $organisationId) { id name sector }
}`;

/** `/manage/organisations`: 20 a page, by name and sector. */
export const MANAGE_ORGANISATIONS = /* GraphQL */ `query WebManageOrganisations($after: String, $name: String, $sector: Sector) {
  me { role }
  organisations(first: 20, after: $after, nameContains: $name, sector: $sector) { nodes { id name sector externalRef } ${PAGE_INFO} }
}`;

/** How many of the competency registry's names a form offers as suggestions. */
export const COMPETENCY_SUGGESTIONS = 200;

/** `/manage/organisations/<id>`: the body, its people (20 a page) with their competencies, and the competency registry. */
export const MANAGE_ORGANISATION = /* GraphQL */ `query WebManageOrganisation($id: ID!, $after: String) {
  me { role }
  competencyNames(first: ${COMPETENCY_SUGGESTIONS})
  organisation(id: $id) {
    id name sector externalRef
    peopleConnection(first: 20, after: $after) { nodes { id fullName jobTitle competencies { name level } } ${PAGE_INFO} }
  }
}`;

/** `/manage/people/<id>`. */
export const MANAGE_PERSON = /* GraphQL */ `query WebManagePerson($id: ID!) {
  me { role }
  competencyNames(first: ${COMPETENCY_SUGGESTIONS})
  person(id: $id) { id fullName jobTitle email organisation { id name } competencies { name level } }
}`;

export const CREATE_LOCALITY = /* GraphQL */ `mutation WebCreateLocality($input: CreateLocalityInput!) { createLocality(input: $input) { id } }`;
export const RENAME_LOCALITY = /* GraphQL */ `mutation WebRenameLocality($input: RenameLocalityInput!) { renameLocality(input: $input) { id } }`;
export const ARCHIVE_LOCALITY = /* GraphQL */ `mutation WebArchiveLocality($localityId: ID!) { archiveLocality(localityId: $localityId) { id } }`;
export const ADD_MEMBER = /* GraphQL */ `mutation WebAddMember($input: AddMemberInput!) { addMember(input: $input) { id } }`;
export const RECORD_MEMBER_LEFT = /* GraphQL */ `mutation WebRecordMemberLeft($input: RecordMemberLeftInput!) { recordMemberLeft(input: $input) { id } }`;
export const CREATE_ORGANISATION = /* GraphQL */ `mutation WebCreateOrganisation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
export const CREATE_PERSON = /* GraphQL */ `mutation WebCreatePerson($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;
export const SET_COMPETENCIES = /* GraphQL */ `mutation WebSetCompetencies($input: SetCompetenciesInput!) { setPersonCompetencies(input: $input) { id } }`;
