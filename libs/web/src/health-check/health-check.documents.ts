/** The one GraphQL document of each health-check page (what the respondent's browser never sees). */
const QUESTION_FIELDS = 'roundTitle localityName organisationName closesOn statements { id position text }';

export const QUESTIONS = /* GraphQL */ `query HealthCheckQuestionsPage($token: String!) { healthCheckQuestions(token: $token) { ${QUESTION_FIELDS} } }`;

export const QUESTIONS_TO_CHANGE = /* GraphQL */ `query HealthCheckChangePage($editCode: String!) { healthCheckQuestionsToChange(editCode: $editCode) { ${QUESTION_FIELDS} } }`;

export const SUBMIT = /* GraphQL */ `mutation HealthCheckSubmit($input: SubmitHealthCheckInput!) { submitHealthCheck(input: $input) { editCode closesOn } }`;

export const CHANGE = /* GraphQL */ `mutation HealthCheckChange($input: ChangeHealthCheckAnswersInput!) { changeHealthCheckAnswers(input: $input) { changedOn closesOn } }`;
