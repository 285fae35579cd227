import { CONCURRENCY, PhaseFigures, REPEATS } from './bench-phases';

/** The target of scan ÷ bare, and of many tenants ÷ one tenant. */
export const RATIO_TARGET = 1.5;

export interface ReportInput {
  heading: string;
  phases: PhaseFigures[];
  /** The phase at the requested size, one tenant. */
  base: PhaseFigures;
  /** The same at `scale` times the localities, if measured. */
  scaled?: { phase: PhaseFigures; scale: number };
  /** The requested localities spread over many tenants, if measured. */
  spread?: PhaseFigures;
}

const LABEL = 36;
const COLUMN = 15;

/** The figures as a small aligned table, the growth and spread comparisons, and the rows per table. */
export function formatReport({ heading, phases, base, scaled, spread }: ReportInput): string {
  const lines: string[] = [heading, `Times are medians of ${REPEATS} runs, in milliseconds; scans run as the application role under row-level security.`, ''];
  const row = (label: string, cells: string[]) => lines.push(label.padEnd(LABEL) + cells.map((c) => c.padStart(COLUMN)).join(''));
  const each = (value: (phase: PhaseFigures) => string) => phases.map(value);

  row('tenants', each((p) => count(p.tenants)));
  row('localities (40 member bodies each)', each((p) => count(p.localities)));
  row('rows scanned', each((p) => count(p.rowsScanned)));
  row('findings of the bare query', each((p) => count(p.findings)));
  row('flags open after a scan', each((p) => count(p.openFlags)));
  row('data generation (s)', each((p) => (p.generationMs / 1000).toFixed(1)));
  row('bare SQL scan', each((p) => ms(p.bareMs)));
  row('full scan, first (raises flags)', each((p) => ms(p.firstScanMs)));
  row('full scan, rescan (refreshes)', each((p) => ms(p.rescanMs)));
  row(`first scan ÷ bare (≤ ${RATIO_TARGET})`, each((p) => verdict(p.firstScanMs / p.bareMs, RATIO_TARGET)));
  row(`rescan ÷ bare (≤ ${RATIO_TARGET})`, each((p) => verdict(p.rescanMs / p.bareMs, RATIO_TARGET)));
  if (phases.some((p) => p.concurrent)) {
    const concurrent = (value: (c: NonNullable<PhaseFigures['concurrent']>) => string) => each((p) => (p.concurrent ? value(p.concurrent) : ''));
    row(`bare SQL scan, ${CONCURRENCY} at once`, concurrent((c) => ms(c.bareMs)));
    row(`first scan, ${CONCURRENCY} at once`, concurrent((c) => ms(c.firstScanMs)));
    row(`rescan, ${CONCURRENCY} at once`, concurrent((c) => ms(c.rescanMs)));
  }
  lines.push('');

  if (scaled) {
    const { phase, scale } = scaled;
    const growth = (a: number, b: number) => `×${(b / a).toFixed(1)}`;
    lines.push(
      `${scale}× the data: rows ${growth(base.rowsScanned, phase.rowsScanned)}; bare ${growth(base.bareMs, phase.bareMs)}, ` +
        `first scan ${growth(base.firstScanMs, phase.firstScanMs)}, rescan ${growth(base.rescanMs, phase.rescanMs)} ` +
        `(linear: ×${scale}; scan time per 1,000 rows ${perThousand(base)} → ${perThousand(phase)} ms)`,
    );
  }
  if (spread) {
    const c = spread.concurrent;
    const vs = (many: number, one: number) => verdict(many / one, RATIO_TARGET).trim();
    lines.push(
      `${count(spread.tenants)} tenants ÷ one tenant of ${count(base.localities)} localities (≤ ${RATIO_TARGET}): ` +
        `first scan ${vs(spread.firstScanMs, base.firstScanMs)} serially${c ? `, ${vs(c.firstScanMs, base.firstScanMs)} ${CONCURRENCY} at once` : ''}; ` +
        `rescan ${vs(spread.rescanMs, base.rescanMs)} serially${c ? `, ${vs(c.rescanMs, base.rescanMs)} ${CONCURRENCY} at once` : ''}`,
    );
  }
  if (scaled || spread) lines.push('');

  lines.push('Rows scanned: the rows of the tables the rules read (from the plan of the findings query):');
  const tables = [...new Set(phases.flatMap((p) => [...p.tableRows.keys()]))].sort();
  for (const table of tables) row(`  ${table}`, each((p) => count(p.tableRows.get(table) ?? 0)));
  return lines.join('\n');
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

function ms(value: number): string {
  return value >= 100 ? count(value) : value.toFixed(1);
}

function verdict(ratio: number, target: number): string {
  return `${ratio.toFixed(2)} ${ratio <= target ? 'ok' : 'MISSED'}`;
}

function perThousand(phase: PhaseFigures): string {
  return ((phase.firstScanMs / phase.rowsScanned) * 1000).toFixed(2);
}
