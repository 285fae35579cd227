/** The one GraphQL document of each health-check page (what the respondent's browser never sees). */
const QUESTION_FIELDS = 'roundTitle localityName organisationName closesOn statements { id position text }';

export const QUESTIONS = `query HealthCheckQuestionsPage($token: String!) { healthCheckQuestions(token: $token) { ${QUESTION_FIELDS} } }`;

export const QUESTIONS_TO_CHANGE = `query HealthCheckChangePage($editCode: String!) { healthCheckQuestionsToChange(editCode: $editCode) { ${QUESTION_FIELDS} } }`;

export const SUBMIT = `mutation HealthCheckSubmit($input: SubmitHealthCheckInput!) { submitHealthCheck(input: $input) { editCode closesOn } }`;

export const CHANGE = `mutation HealthCheckChange($input: ChangeHealthCheckAnswersInput!) { changeHealthCheckAnswers(input: $input) { changedOn closesOn } }`;

export interface Questions {
  roundTitle: string;
  localityName: string;
  organisationName: string;
  closesOn: string;
  statements: { id: string; position: number; text: string }[];
}
