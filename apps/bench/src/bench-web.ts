import 'reflect-metadata';
import { Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openDataSource } from '@joinedup/database';
import { ApiProcess, ApiProcessOptions, benchJwtSecret } from './api-process';
import { benchConfig, benchDatabaseOf, createBenchDatabase, describeServer, dropBenchDatabase, openOwner } from './bench-database';
import { PageUnderTest, benchedPages, underTest } from './benched-pages';
import { ClosedLoop, LoadSample, percentile, runClosedLoop, summarise } from './closed-loop';
import { Answer, graphqlAnswer, httpAnswer } from './http-answer';
import { StatementLog } from './statement-log';
import { generateWebData } from './web-data';
import { WEB_USAGE, WebBenchOptions, parseWebOptions } from './web-options';
import { PageFigures, formatWebReport } from './web-report';
import { webVisitors } from './web-visitors';

/** Seconds of load on each page and on its document before they are measured. */
const WARM_UP_SECONDS = 3;
/** Page and document take turns this many times, so a burst of other load on the machine falls on both. */
const SLICES = 4;
/** Requests of each sent one at a time, with no other load: the median is the server's own time. */
const ALONE_REQUESTS = 50;
/** Requests of each counted in PostgreSQL's log. */
const COUNTED_REQUESTS = 5;
/**
 * All load comes from 127.0.0.1, and every survey form read reserves a health-check try
 * for its address (page and document alike): a limit no run reaches keeps the throttle's
 * cost in both without its refusals.
 */
const API_SETTINGS = { HEALTH_CHECK_ADDRESS_LIMIT: '100000', HEALTH_CHECK_ADDRESS_WINDOW_MINUTES: '1' };
const GRAPHQL_ERRORS = Buffer.from('"errors":');

/**
 * npm run bench:web — each web page beside its own GraphQL document: generates a locality
 * of 40 member bodies with programmes, flags, health snapshots and a health-check round,
 * runs the built API as in production (it serves the pages on its port), signs people in
 * through the web sign-in, and measures, with the same connections and duration, each page
 * (GET with the browser's cookies) and its document alone (POST /graphql with the same
 * session's bearer token): requests/s, p50, p99, the page's cost over its document, and
 * the SQL statements of each (progress on stderr, figures on stdout).
 */
async function main(): Promise<void> {
  const options = parseWebOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${WEB_USAGE}\n`);
    return;
  }
  const config = benchConfig(options.database);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const apiLog = join(tmpdir(), `${options.database}-api-${process.pid}.log`);
  const jwtSecret = benchJwtSecret();
  const apiOptions: ApiProcessOptions = { env: API_SETTINGS };

  let created = false;
  let owner: Client | undefined;
  let ownerSource: DataSource | undefined;
  let api: ApiProcess | undefined;
  let statementLog: StatementLog | undefined;
  try {
    progress(`Creating and migrating ${benchDatabaseOf(config)}`);
    await createBenchDatabase(config);
    created = true;
    owner = await openOwner(config);
    ownerSource = await openDataSource({ url: config.databaseMigrationUrl, applicationName: 'joinedup-bench', poolSize: 2 });
    progress('Generating a locality of 40 member bodies, its flags and health snapshots');
    const data = await generateWebData(config, ownerSource, owner, progress);

    progress(`Starting the API (its output: ${apiLog})`);
    api = await ApiProcess.start(config, jwtSecret, apiLog, apiOptions);
    progress('Signing in through the web pages; opening a health-check round and one of its links');
    const pages = benchedPages(data, await webVisitors(api.url, data)).map(underTest);
    for (const page of pages) await probe(api.url, page);
    if (options.profileDir) {
      // The measured API again, profiled: the profile is written when it stops, after the load.
      await api.stop();
      api = await ApiProcess.start(config, jwtSecret, apiLog, { ...apiOptions, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profileDir)}`] });
    }

    const figures: PageFigures[] = [];
    for (const page of pages) {
      progress(`${page.name}: ${WARM_UP_SECONDS} s warm-up, then ${options.durationSeconds} s of the page and as many of its document`);
      figures.push({ ...(await measure(api, page, options)), statements: 'not counted yet' });
    }
    progress(`Each page and document ${ALONE_REQUESTS} times one at a time`);
    for (const [index, page] of pages.entries()) {
      const url = api.url;
      figures[index].alone = {
        pageMs: await medianMs(() => pageRequest(url, page)),
        documentMs: await medianMs(() => documentRequest(url, page)),
      };
    }
    await api.stop();
    api = undefined;
    if (options.profileDir) progress(`CPU profile of the API under load written to ${resolve(options.profileDir)}`);

    // Statement logging slows the server, so it is on only for this count, in a fresh API whose sessions start with it.
    let countedBy = 'from PostgreSQL\u2019s statement log';
    try {
      statementLog = await StatementLog.enable(owner, config.databaseUrl);
      countedBy = `from PostgreSQL\u2019s statement log (${statementLog.where}), ${COUNTED_REQUESTS} requests of each`;
      progress('Counting SQL statements per request (API restarted with statement logging for the application role)');
      const counting = (api = await ApiProcess.start(config, jwtSecret, apiLog, apiOptions));
      for (const [index, page] of pages.entries()) {
        figures[index].statements = {
          page: await statementLog.perRequest(() => pageRequest(counting.url, page), COUNTED_REQUESTS),
          document: await statementLog.perRequest(() => documentRequest(counting.url, page), COUNTED_REQUESTS),
        };
      }
    } catch (error) {
      const reason = (error as Error).message;
      for (const page of figures) page.statements = reason;
      countedBy = `nowhere: ${reason}`;
    }

    const server = await describeServer(owner, config);
    process.stdout.write(
      `${formatWebReport({
        heading:
          `Web pages beside their GraphQL documents: a locality of 40 member bodies with 6 programmes, ${data.openFlags} open flags, ${data.conflicts} conflicts, ` +
          `${data.snapshots} health snapshots and a health-check round (${data.rows.toLocaleString('en-GB')} rows); ` +
          `${server}; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at the end`,
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        warmUpSeconds: WARM_UP_SECONDS,
        slices: SLICES,
        pages: figures,
        statementsCountedBy: countedBy,
      })}\n`,
    );
  } finally {
    await api?.stop();
    if (statementLog && owner) await statementLog.disable(owner);
    await owner?.end();
    await ownerSource?.destroy();
    if (created && options.keep) progress(`Kept the database ${options.database} (drop it with: drop database ${options.database})`);
    else if (created) await dropBenchDatabase(config);
  }
}

/**
 * The page and its document under the same load, taking turns in SLICES slices after a
 * warm-up of each, with the API's CPU time over each side's slices.
 */
async function measure(api: ApiProcess, page: PageUnderTest, options: WebBenchOptions): Promise<Omit<PageFigures, 'statements'>> {
  const loop = (send: (agent: Agent) => Promise<Answer>, durationMs: number, badBody?: ClosedLoop['badBody']) =>
    runClosedLoop({ connections: options.connections, durationMs, send, badBody });
  const pageLoop = (ms: number) => loop((agent) => pageRequest(api.url, page, agent), ms);
  const documentLoop = (ms: number) => loop((agent) => documentRequest(api.url, page, agent), ms, (body) => body.includes(GRAPHQL_ERRORS));
  await pageLoop(WARM_UP_SECONDS * 1000);
  await documentLoop(WARM_UP_SECONDS * 1000);
  const slice = (options.durationSeconds * 1000) / SLICES;
  const sides = { page: { samples: [] as LoadSample[], cpuMs: 0 }, document: { samples: [] as LoadSample[], cpuMs: 0 } };
  const timed = async (side: keyof typeof sides, run: () => Promise<LoadSample>) => {
    const before = api.cpuMs();
    sides[side].samples.push(await run());
    const after = api.cpuMs();
    sides[side].cpuMs += before === undefined || after === undefined ? NaN : after - before;
  };
  for (let i = 0; i < SLICES; i++) {
    await timed('page', () => pageLoop(slice));
    await timed('document', () => documentLoop(slice));
  }
  const pageFigures = summarise(sides.page.samples);
  const documentFigures = summarise(sides.document.samples);
  const cpu = {
    pageMs: sides.page.cpuMs / pageFigures.requests,
    documentMs: sides.document.cpuMs / documentFigures.requests,
  };
  return { name: page.name, pagePath: page.pagePath, page: pageFigures, document: documentFigures, cpu: Number.isFinite(cpu.pageMs + cpu.documentMs) ? cpu : undefined };
}

/** The median latency of ALONE_REQUESTS requests sent one after another. */
async function medianMs(send: () => Promise<Answer>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ALONE_REQUESTS; i++) times.push((await send()).ms);
  return percentile(times.sort((a, b) => a - b), 0.5);
}

function pageRequest(baseUrl: string, page: PageUnderTest, agent?: Agent): Promise<Answer> {
  return httpAnswer(`${baseUrl}${page.pagePath}`, { method: 'GET', headers: { cookie: page.visitor.cookies.header() } }, agent);
}

function documentRequest(baseUrl: string, page: PageUnderTest, agent?: Agent): Promise<Answer> {
  return graphqlAnswer(baseUrl, page.query, page.variables, page.token, agent);
}

/** One page and one document read before the load: a broken page must not be measured as a fast one. */
async function probe(baseUrl: string, page: PageUnderTest): Promise<void> {
  const shown = await pageRequest(baseUrl, page);
  if (shown.status !== 200) throw new Error(`GET ${page.pagePath} answered ${shown.status}: ${shown.body.toString('utf8', 0, 300)}`);
  const alone = await documentRequest(baseUrl, page);
  if (alone.status !== 200 || alone.body.includes(GRAPHQL_ERRORS)) {
    throw new Error(`the document of ${page.pagePath} failed (${alone.status}): ${alone.body.toString('utf8', 0, 300)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench:web: ${error.message}\n`);
    process.exit(1);
  },
);
