import type { HealthCheckAnswerInput, SurveyAnswer } from '../graphql/generated';

/** The six answers, in the order the radios show them, with their labels. */
export const ANSWER_CHOICES = [
  { value: 'STRONGLY_AGREE', text: 'Strongly agree' },
  { value: 'AGREE', text: 'Agree' },
  { value: 'NEUTRAL', text: 'Neither agree nor disagree' },
  { value: 'DISAGREE', text: 'Disagree' },
  { value: 'STRONGLY_DISAGREE', text: 'Strongly disagree' },
  { value: 'DONT_KNOW', text: "Don't know" },
] as const satisfies readonly { value: SurveyAnswer; text: string }[];

/** As the API allows (MAX_COMMENT_LENGTH in libs/health-check). */
export const MAX_COMMENT_LENGTH = 2000;

export interface FormStatement {
  id: string;
  position: number;
  text: string;
}

export interface AnswerFormValues {
  answers: Record<string, string>;
  comments: Record<string, string>;
}

export interface FieldError {
  /** The id of the field the error summary links to. */
  href: string;
  text: string;
}

export interface ParsedAnswers {
  values: AnswerFormValues;
  errors: FieldError[];
  /** The API's input, when there are no errors. */
  answers: HealthCheckAnswerInput[];
}

const VALUES = new Set<string>(ANSWER_CHOICES.map((c) => c.value));
const isAnswer = (value: string): value is SurveyAnswer => VALUES.has(value);
/** Statement ids are UUIDs: a field name carries one, and nothing else is read. */
const ID = /^[0-9a-f-]{36}$/i;

const field = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value : '';
};

/**
 * Reads a posted answer form (`answer-<id>`, `comment-<id>` per statement; `statementIds`
 * lists the statements the form showed) and checks it as the API will, so a respondent is
 * told how to fix it before anything is sent.
 */
export function parseAnswerForm(body: Record<string, unknown>): ParsedAnswers {
  const ids = field(body, 'statementIds')
    .split(',')
    .filter((id) => ID.test(id))
    .slice(0, 100);
  const values: AnswerFormValues = { answers: {}, comments: {} };
  const errors: FieldError[] = [];
  const answers: ParsedAnswers['answers'] = [];
  ids.forEach((id, index) => {
    const answer = field(body, `answer-${id}`);
    const comment = field(body, `comment-${id}`).trim();
    values.answers[id] = answer;
    values.comments[id] = comment;
    if (isAnswer(answer)) answers.push({ statementId: id, answer, comment: comment || null });
    else errors.push({ href: `#answer-${id}`, text: `Select an answer to statement ${index + 1}, or "Don't know"` });
    if (comment.length > MAX_COMMENT_LENGTH) {
      errors.push({ href: `#comment-${id}`, text: `Your comment on statement ${index + 1} must be ${MAX_COMMENT_LENGTH} characters or fewer` });
    }
  });
  if (!ids.length) errors.push({ href: '#main-content', text: 'The form was incomplete: reload the page and answer again' });
  return { values, errors, answers };
}
