import { csvText } from '@joinedup/csv';
import { SurveyAnswer } from './survey-answer';

/** A column pair of the export: the statement's barrier, or Q<position> for a question that measures none. */
export interface CsvStatement {
  id: string;
  position: number;
  barrier: string | null;
}

/** One response as exported: the group it is shown in and its answers by statement id. */
export interface CsvResponse {
  sector: string;
  answers: Map<string, { answer: SurveyAnswer; comment: string | null }>;
}

const SCALE = Object.values(SurveyAnswer);
const columnOf = (statement: CsvStatement) => statement.barrier ?? `Q${statement.position}`;

/**
 * The anonymised answers: one row per response with its sector, each statement's answer
 * and comment, in position order. Rows are sorted by sector, then by the answers on the
 * scale's order, then by the comments, so that the order says nothing of when or by whom.
 */
export function responsesCsv(statements: CsvStatement[], responses: CsvResponse[]): string {
  const ordered = [...statements].sort((a, b) => a.position - b.position);
  const header = ['sector', ...ordered.flatMap((s) => [columnOf(s), `${columnOf(s)}_comment`])];
  const rows = responses.map((response) => {
    const answers = ordered.map((s) => response.answers.get(s.id));
    return {
      sector: response.sector,
      scale: answers.map((a) => (a ? SCALE.indexOf(a.answer) : SCALE.length)),
      fields: [response.sector, ...answers.flatMap((a) => [a?.answer ?? '', a?.comment ?? ''])],
    };
  });
  rows.sort((a, b) => compareText(a.sector, b.sector) || compareNumbers(a.scale, b.scale) || compareTexts(a.fields, b.fields));
  return csvText([header, ...rows.map((row) => row.fields)]);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function compareTexts(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    const order = compareText(a[i], b[i]);
    if (order) return order;
  }
  return 0;
}
