import { LoadFigures } from './closed-loop';

/** What the issue asks of the dashboard read: at most this many statements, whatever the members. */
export const STATEMENT_TARGET = 6;

/** A dashboard read alone (sequential requests, no other load), for one locality. */
export interface SingleRead {
  members: number;
  medianMs: number;
  responseBytes: number;
  /** Statements per request, or why they were not counted. */
  statements: number | string;
}

export interface ReadReportInput {
  heading: string;
  connections: number;
  durationSeconds: number;
  warmUpSeconds: number;
  load: LoadFigures;
  idleRssKb: number;
  peakRssKb: number;
  alone: SingleRead[];
  aloneRepeats: number;
  statementsCountedBy: string;
}

const LABEL = 34;
const COLUMN = 18;

export function formatReadReport(input: ReadReportInput): string {
  const { load, alone } = input;
  const lines: string[] = [input.heading, ''];
  const row = (label: string, value: string) => lines.push(label.padEnd(LABEL) + value);
  lines.push(`Under load: ${input.connections} keep-alive connections for ${input.durationSeconds} s after a ${input.warmUpSeconds} s warm-up, a random 40-body locality each request`);
  row('requests/s', load.requestsPerSecond.toFixed(1));
  row('latency p50', `${load.p50Ms.toFixed(1)} ms`);
  row('latency p99', `${load.p99Ms.toFixed(1)} ms`);
  row('requests answered', count(load.requests));
  row('errors', `${load.non2xx} non-2xx, ${load.badBodies} with GraphQL errors, ${load.failed} unanswered`);
  row('response size (mean)', `${count(load.meanResponseBytes)} bytes`);
  row('API resident memory', `${mb(input.idleRssKb)} before the load, ${mb(input.peakRssKb)} at its peak (sampled every 200 ms)`);
  lines.push('');

  lines.push(`One read at a time (latency: median of ${input.aloneRepeats}; statements counted ${input.statementsCountedBy}):`);
  const cells = (value: (read: SingleRead) => string) => alone.map((read) => value(read).padStart(COLUMN)).join('');
  lines.push(''.padEnd(LABEL) + cells((read) => `${read.members} member bod${read.members === 1 ? 'y' : 'ies'}`));
  lines.push('SQL statements per request'.padEnd(LABEL) + cells((read) => statements(read.statements)));
  lines.push('latency'.padEnd(LABEL) + cells((read) => `${read.medianMs.toFixed(1)} ms`));
  lines.push('response size'.padEnd(LABEL) + cells((read) => `${count(read.responseBytes)} bytes`));
  const counted = alone.map((read) => read.statements).filter((n): n is number => typeof n === 'number');
  if (counted.length === alone.length) {
    const flat = counted.every((n) => n === counted[0]);
    const most = Math.max(...counted);
    lines.push(
      `statements: ${flat ? 'flat' : 'NOT FLAT'} from ${alone[0].members} to ${alone[alone.length - 1].members} member bodies; ` +
        `${most} per request against a target of ≤ ${STATEMENT_TARGET}: ${most <= STATEMENT_TARGET ? 'ok' : 'MISSED'}`,
    );
  }
  return lines.join('\n');
}

function statements(value: number | string): string {
  if (typeof value === 'string') return 'not counted';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

function mb(kb: number): string {
  return `${Math.round(kb / 1024)} MB`;
}
