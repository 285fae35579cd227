import { LoadFigures } from './closed-loop';

/** What the issue allows a page to cost: at most this many times its document alone. */
export const PAGE_COST_TARGET = 1.5;

/** One page measured beside its document, under the same load. */
export interface PageFigures {
  name: string;
  pagePath: string;
  page: LoadFigures;
  document: LoadFigures;
  /** The API's CPU time per request of each under the load (user and system), where the system tells it. */
  cpu?: { pageMs: number; documentMs: number };
  /** Median latency of each sent one at a time with no other load. */
  alone?: { pageMs: number; documentMs: number };
  /** SQL statements per request of each, or why they were not counted. */
  statements: { page: number; document: number } | string;
}

export interface WebReportInput {
  heading: string;
  connections: number;
  durationSeconds: number;
  warmUpSeconds: number;
  slices: number;
  pages: PageFigures[];
  statementsCountedBy: string;
}

/**
 * What a page costs over its document: in a closed loop on a saturated server, the time
 * each request takes of the server is the inverse of the throughput, so the cost ratio is
 * the document's requests/s over the page's.
 */
export function costRatio(page: LoadFigures, document: LoadFigures): number {
  return page.requestsPerSecond > 0 ? document.requestsPerSecond / page.requestsPerSecond : Infinity;
}

/** What a page costs the API's CPU over its document (less noisy than requests/s on a shared machine). */
export function cpuRatio(cpu: { pageMs: number; documentMs: number }): number {
  return cpu.documentMs > 0 ? cpu.pageMs / cpu.documentMs : Infinity;
}

/** The page's p99 latency over its document's. */
export function p99Ratio(page: LoadFigures, document: LoadFigures): number {
  return document.p99Ms > 0 ? page.p99Ms / document.p99Ms : Infinity;
}

export function verdict(ratio: number, target = PAGE_COST_TARGET): string {
  return `${ratio.toFixed(2)} ${ratio <= target ? 'ok' : 'MISSED'}`;
}

/** Whether a page request sends the same statements as its document alone. */
export function sameStatements(counted: PageFigures['statements']): string {
  if (typeof counted === 'string') return 'not counted';
  const n = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
  return `${n(counted.page)} / ${n(counted.document)} ${counted.page === counted.document ? 'equal' : 'DIFFERENT'}`;
}

const LABEL = 40;
const COLUMN = 22;

export function formatWebReport(input: WebReportInput): string {
  const lines: string[] = [input.heading, ''];
  lines.push(
    `Each page, then its GraphQL document alone over POST /graphql: ${input.connections} keep-alive connections, ` +
      `${input.durationSeconds} s each (in ${input.slices} alternating slices) after a ${input.warmUpSeconds} s warm-up of each`,
  );
  const pathOf = (p: PageFigures) => p.pagePath.replace(/[0-9a-f-]{36}/g, '<id>');
  // A column as wide as its page's address, so a long one does not run into its neighbour.
  const row = (label: string, value: (p: PageFigures) => string) =>
    lines.push(label.padEnd(LABEL) + input.pages.map((p) => value(p).padStart(Math.max(COLUMN, pathOf(p).length + 2))).join(''));
  row('', (p) => p.name);
  row('', pathOf);
  row('page requests/s', (p) => p.page.requestsPerSecond.toFixed(1));
  row('document requests/s', (p) => p.document.requestsPerSecond.toFixed(1));
  row('page latency p50 / p99 (ms)', (p) => `${p.page.p50Ms.toFixed(1)} / ${p.page.p99Ms.toFixed(1)}`);
  row('document latency p50 / p99 (ms)', (p) => `${p.document.p50Ms.toFixed(1)} / ${p.document.p99Ms.toFixed(1)}`);
  row(`cost by requests/s (≤ ${PAGE_COST_TARGET})`, (p) => verdict(costRatio(p.page, p.document)));
  row('API CPU per request, page / document', (p) => (p.cpu ? `${p.cpu.pageMs.toFixed(2)} / ${p.cpu.documentMs.toFixed(2)} ms` : 'not measured'));
  row(`cost by API CPU (≤ ${PAGE_COST_TARGET})`, (p) => (p.cpu ? verdict(cpuRatio(p.cpu)) : 'not measured'));
  row('p99, page ÷ document', (p) => p99Ratio(p.page, p.document).toFixed(2));
  row('alone p50, page / document (ms)', (p) => (p.alone ? `${p.alone.pageMs.toFixed(1)} / ${p.alone.documentMs.toFixed(1)}` : 'not measured'));
  row('SQL statements, page / document', (p) => sameStatements(p.statements));
  row('response bytes, page / document', (p) => `${count(p.page.meanResponseBytes)} / ${count(p.document.meanResponseBytes)}`);
  row('requests answered, page / document', (p) => `${count(p.page.requests)} / ${count(p.document.requests)}`);
  row('errors, page / document', (p) => `${errors(p.page)} / ${errors(p.document)}`);
  lines.push('');
  lines.push(
    `Cost by requests/s: the document's requests/s ÷ the page's (the time per request of a saturated server, which here is shared with ` +
      `the load generator, PostgreSQL and whatever else runs). Cost by API CPU: the API process's CPU time per page request ÷ per document ` +
      `request, over the same slices (from /proc; counted in 10 ms ticks over seconds of load). Errors: non-2xx, failed bodies and unanswered requests.`,
  );
  lines.push(`Statements counted ${input.statementsCountedBy}.`);
  return lines.join('\n');
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

function errors(figures: LoadFigures): string {
  return String(figures.non2xx + figures.badBodies + figures.failed);
}
