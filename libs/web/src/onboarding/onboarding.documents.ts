/** The GraphQL documents of the spreadsheet import pages (under a locality's management pages). */

/** The import page: the locality, and who is looking (the form is for coordinators and administrators). */
export const IMPORT_PAGE = /* GraphQL */ `query WebImportPage($id: ID!) {
  me { role }
  locality(id: $id) { id name activeMemberCount archivedAt }
}`;

/** The preview of an uploaded file: what it would create or change, and its problems. Writes nothing. */
export const IMPORT_PREVIEW = /* GraphQL */ `query WebImportPreview($id: ID!, $input: OnboardingFileInput!) {
  locality(id: $id) { id name activeMemberCount }
  onboardingPreview(input: $input) {
    planDigest canApply membershipsToAdd problemCount stepCount
    bodies { create change unchanged }
    people { create change unchanged }
    problems { sheet row column message }
    steps { record action sheet row name detail changes joinsLocality }
    newCompetencyNames
  }
}`;

export const APPLY_IMPORT = /* GraphQL */ `mutation WebApplyImport($input: ApplyOnboardingInput!) {
  applyOnboarding(input: $input) { bodiesCreated peopleCreated }
}`;
