import 'reflect-metadata';
import { Client } from 'pg';
import { BENCH_DATABASE, benchConfig, createBenchDatabase, describeServer, dropBenchDatabase, openOwner } from './bench-database';
import { BenchOptions, USAGE, parseBenchOptions } from './bench-options';
import { PhaseContext, PhaseFigures, measurePhase } from './bench-phases';
import { formatReport } from './bench-report';
import { ScanTiming } from './scan-timing';

/**
 * npm run bench:scan — generates partnership data on its own database, times full
 * governance scans against the bare findings query, at 1× and K× the data and spread over
 * many tenants, and prints the figures (progress goes to stderr, the table to stdout).
 */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = benchConfig();
  // One instant for every scan: the data is dated up to today, and judged at its last second.
  const day = new Date().toISOString().slice(0, 10);
  const asOf = new Date(`${day}T23:59:59.000Z`);
  const progress = (line: string) => process.stderr.write(`${line}\n`);

  let created = false;
  let owner: Client | undefined;
  let timing: ScanTiming | undefined;
  try {
    progress(`Creating and migrating ${BENCH_DATABASE}`);
    await createBenchDatabase(config);
    created = true;
    owner = await openOwner(config);
    timing = await ScanTiming.start(config);
    const ctx: PhaseContext = { owner, timing, day, asOf, progress };
    const report = await measure(ctx, options);
    const server = await describeServer(owner, config);
    process.stdout.write(
      `${formatReport({
        heading: `Governance scan benchmark: ${timing.ruleCount} rules, judged at ${asOf.toISOString()}, ${server}`,
        ...report,
      })}\n`,
    );
  } finally {
    await timing?.close();
    await owner?.end();
    if (created && options.keep) progress(`Kept the database ${BENCH_DATABASE} (drop it with: drop database ${BENCH_DATABASE})`);
    else if (created) await dropBenchDatabase(config);
  }
}

async function measure(ctx: PhaseContext, options: BenchOptions) {
  const phases: PhaseFigures[] = [];
  const base = await measurePhase(ctx, 'one tenant', 1, options.localities);
  phases.push(base);
  let scaled: { phase: PhaseFigures; scale: number } | undefined;
  if (options.scale) {
    scaled = { phase: await measurePhase(ctx, `${options.scale}× the data`, 1, options.localities * options.scale), scale: options.scale };
    phases.push(scaled.phase);
  }
  let spread: PhaseFigures | undefined;
  if (options.tenants > 1) {
    spread = await measurePhase(ctx, `${options.tenants} tenants`, options.tenants, options.localities);
    phases.push(spread);
  }
  return { phases, base, scaled, spread };
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench:scan: ${error.message}\n`);
    process.exit(1);
  },
);
