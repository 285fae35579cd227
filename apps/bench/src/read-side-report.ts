/** The servers of the side-by-side read benchmark, in the order they run and are reported. */
export const SERVERS = ['joinedup', 'postgraphile4', 'postgraphile5'] as const;
export type ServerKey = (typeof SERVERS)[number];
export const SERVER_LABELS: Record<ServerKey, string> = { joinedup: 'JoinedUp', postgraphile4: 'PostGraphile 4.14.1', postgraphile5: 'PostGraphile 5' };

/** Statements per request, or why they were not counted. */
export type Statements = number | string;

/** One read on one server. */
export interface ServerFigures {
  requestsPerSecond: number;
  /** Requests/s of each measured run, by round (the servers' runs of a round are neighbours in time). */
  roundRequestsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  /** Highest resident memory sampled during this read's runs. */
  peakRssKb: number;
  /** CPU time per request of the server's process and of the PostgreSQL backends of the bench's database, over the measured runs. */
  cpuMsPerRequest: { server: number; database: number };
  /** Non-2xx answers, answers with GraphQL errors and requests without an answer. */
  errors: number;
  meanResponseBytes: number;
  /** At a subject of the one-body locality and of a 40-body one. */
  statements: { single: Statements; full: Statements };
}

export interface ReadFigures {
  label: string;
  servers: Record<ServerKey, ServerFigures>;
}

/** The issue's goal for every read, against PostGraphile 5. */
export const GOAL = { rssFactor: 1.2, statements: 3 } as const;

export interface GoalCheck {
  name: string;
  /** JoinedUp's figure over PostGraphile 5's (statements: JoinedUp's most), NaN when not measured. */
  value: number;
  met: boolean;
}

/** JoinedUp against PostGraphile 5 on one read: requests/s ≥, p99 ≤, peak RSS ≤ 1.2×, ≤ 3 statements flat from 1 to 40 bodies. */
export function checkGoals(joinedup: ServerFigures, peer: ServerFigures): GoalCheck[] {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  const counted = [joinedup.statements.single, joinedup.statements.full];
  const numbers = counted.filter((n): n is number => typeof n === 'number');
  const most = numbers.length === counted.length ? Math.max(...numbers) : NaN;
  const flat = numbers.length === counted.length && numbers[0] === numbers[1];
  const rps = ratio(joinedup.requestsPerSecond, peer.requestsPerSecond);
  const p99 = ratio(joinedup.p99Ms, peer.p99Ms);
  const rss = ratio(joinedup.peakRssKb, peer.peakRssKb);
  return [
    { name: 'req/s ≥ PG5', value: rps, met: rps >= 1 && joinedup.errors === 0 },
    { name: 'p99 ≤ PG5', value: p99, met: p99 <= 1 },
    { name: `RSS ≤ ${GOAL.rssFactor}× PG5`, value: rss, met: rss <= GOAL.rssFactor },
    { name: `≤ ${GOAL.statements} statements, flat`, value: most, met: most <= GOAL.statements && flat },
  ];
}

export interface SideReportInput {
  heading: string;
  /** Cores and CPU model, the PostgreSQL server, the load average. */
  machine: string;
  /** How the runs went (duration, connections, interleaving). */
  method: string;
  reads: ReadFigures[];
  /** Notes printed under the tables (e.g. what a read compares). */
  notes: string[];
}

/** The figures as markdown: every read on every server, then JoinedUp against PostGraphile 5 with the goal met or not. */
export function formatSideReport(input: SideReportInput): string {
  const lines = [`## ${input.heading}`, '', input.machine, '', input.method, ''];
  lines.push('| read | server | req/s | p50 ms | p99 ms | peak RSS MB | CPU ms/request: server / PostgreSQL | SQL statements (1 / 40 bodies) | errors | response bytes |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const read of input.reads) {
    for (const key of SERVERS) {
      const f = read.servers[key];
      lines.push(
        `| ${read.label} | ${SERVER_LABELS[key]} | ${f.requestsPerSecond.toFixed(0)} | ${f.p50Ms.toFixed(1)} | ${f.p99Ms.toFixed(1)} | ` +
          `${(f.peakRssKb / 1024).toFixed(0)} | ${cpu(f.cpuMsPerRequest.server)} / ${cpu(f.cpuMsPerRequest.database)} | ${statements(f.statements.single)} / ${statements(f.statements.full)} | ${f.errors} | ${Math.round(f.meanResponseBytes)} |`,
      );
    }
  }
  lines.push(
    '',
    '| read | req/s JoinedUp/PG5 | rounds: lowest–highest | p99 JoinedUp/PG5 | RSS JoinedUp/PG5 | statements (most) | goal |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const read of input.reads) {
    const checks = checkGoals(read.servers.joinedup, read.servers.postgraphile5);
    const missed = checks.filter((check) => !check.met).map((check) => check.name);
    const shown = checks.map((check, index) => (Number.isNaN(check.value) ? 'n/a' : index === 3 ? statements(check.value) : `${check.value.toFixed(2)}×`));
    const spread = roundRatioSpread(read.servers.joinedup, read.servers.postgraphile5);
    lines.push(`| ${read.label} | ${shown[0]} | ${spread} | ${shown.slice(1).join(' | ')} | ${missed.length ? `not met (${missed.join('; ')})` : 'met'} |`);
  }
  if (input.notes.length) lines.push('', ...input.notes.map((note) => `- ${note}`));
  return lines.join('\n');
}

/** JoinedUp's requests/s over PostGraphile 5's round by round, lowest and highest: how much one run's ratio moves with the machine. */
export function roundRatioSpread(joinedup: ServerFigures, peer: ServerFigures): string {
  const ratios = joinedup.roundRequestsPerSecond
    .map((rps, round) => rps / peer.roundRequestsPerSecond[round])
    .filter((ratio) => Number.isFinite(ratio));
  if (!ratios.length) return 'n/a';
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`;
}

const cpu = (ms: number): string => (Number.isFinite(ms) ? ms.toFixed(2) : 'n/a');

function statements(value: Statements): string {
  if (typeof value === 'string') return 'not counted';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
