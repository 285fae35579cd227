import { RoundProblem } from './survey-round-rules';
import { SurveyAnswer } from './survey-answer';

/** A statement of the round's instrument, as the answer check needs it. */
export interface StatementRef {
  id: string;
  position: number;
  text: string;
}

export interface GivenAnswer {
  statementId: string;
  answer: SurveyAnswer;
  comment?: string | null;
}

/** How a statement is named to the respondent: its number and its opening words. */
export function statementName(statement: StatementRef): string {
  const words = statement.text.length > 60 ? `${statement.text.slice(0, 57).trimEnd()}…` : statement.text;
  return `statement ${statement.position} ("${words}")`;
}

/**
 * A response answers every statement of its round's instrument exactly once: the first
 * unknown, repeated or missing statement is the problem, named.
 */
export function answerSetProblem(statements: readonly StatementRef[], answers: readonly GivenAnswer[]): RoundProblem | null {
  const byId = new Map(statements.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (const [index, given] of answers.entries()) {
    const id = given.statementId.toLowerCase();
    const statement = byId.get(id);
    const field = `answers.${index}.statementId`;
    if (!statement) return { field, message: `There is no statement ${given.statementId} in this health check.` };
    if (seen.has(id)) return { field, message: `${capitalised(statementName(statement))} is answered more than once.` };
    seen.add(id);
  }
  const missing = [...statements].sort((a, b) => a.position - b.position).find((s) => !seen.has(s.id));
  if (missing) {
    return {
      field: 'answers',
      message: `${capitalised(statementName(missing))} has no answer: answer every statement, with DONT_KNOW where you cannot say.`,
    };
  }
  return null;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
