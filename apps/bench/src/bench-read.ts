import 'reflect-metadata';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openDataSource } from '@joinedup/database';
import { ApiProcess, benchJwtSecret } from './api-process';
import { benchConfig, benchDatabaseOf, createBenchDatabase, describeServer, dropBenchDatabase, openOwner } from './bench-database';
import { LoadFigures } from './closed-loop';
import { graphqlData } from './http-answer';
import { ReadData, ReadTenant, generateReadData } from './read-data';
import { readDashboard, runLoad } from './read-load';
import { READ_USAGE, ReadBenchOptions, parseReadOptions } from './read-options';
import { SingleRead, formatReadReport } from './read-report';
import { StatementLog } from './statement-log';

const DATABASE = 'joinedup_bench_read';
/** Seconds of load before the measured run: connections opened, code optimised, caches warm. */
const WARM_UP_SECONDS = 5;
/** Sequential reads per locality for the one-at-a-time figures. */
const ALONE_REPEATS = 20;
/** Reads counted per locality in PostgreSQL's log. */
const COUNTED_READS = 5;

/**
 * npm run bench:read — the locality dashboard read under load: generates two tenants of
 * localities with 40 member bodies, runs the built API as in production in a child
 * process, reads random dashboards over keep-alive connections, and prints requests/s,
 * latency, errors, the API's resident memory and the SQL statements per request for a
 * locality of 1 and of 40 member bodies (progress on stderr, figures on stdout).
 */
async function main(): Promise<void> {
  const options = parseReadOptions(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(`${READ_USAGE}\n`);
    return;
  }
  const config = benchConfig(DATABASE);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const apiLog = join(tmpdir(), `${DATABASE}-api-${process.pid}.log`);
  const jwtSecret = benchJwtSecret();

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
    progress(`Generating ${options.localities} localities of 40 member bodies (and one of a single body) in each of two tenants`);
    const data = await generateReadData(ownerSource, owner, options.localities, progress);

    progress(`Starting the API (its output: ${apiLog})`);
    api = await ApiProcess.start(config, jwtSecret, apiLog);
    const token = await signIn(api.url, data.measured);
    const { load, idleRssKb, peakRssKb } = await underLoad(api, token, data, options, progress);
    progress(`One read at a time, ${ALONE_REPEATS} per locality`);
    const compared = [
      { members: 1, id: data.singleLocalityId },
      { members: 40, id: data.fullLocalityIds[0] },
    ];
    const alone: SingleRead[] = [];
    for (const locality of compared) alone.push(await readAlone(api, token, locality.id, locality.members));
    await api.stop();
    api = undefined;

    // Statement logging slows the server, so it is on only for this count, in a fresh API
    // whose sessions start with it.
    let countedBy = 'from PostgreSQL\u2019s statement log';
    try {
      statementLog = await StatementLog.enable(owner, config.databaseUrl);
      countedBy = `from PostgreSQL\u2019s statement log (${statementLog.where}), ${COUNTED_READS} reads each`;
      progress('Counting SQL statements per request (API restarted with statement logging for the application role)');
      const counting = (api = await ApiProcess.start(config, jwtSecret, apiLog));
      for (const [index, locality] of compared.entries()) {
        const read = () => readDashboard({ url: counting.url, token }, locality.id);
        alone[index].statements = await statementLog.perRequest(read, COUNTED_READS);
      }
    } catch (error) {
      const reason = (error as Error).message;
      for (const read of alone) read.statements = reason;
      countedBy = `nowhere: ${reason}`;
    }

    const server = await describeServer(owner, config);
    process.stdout.write(
      `${formatReadReport({
        heading:
          `Locality dashboard read: ${options.localities} localities × 40 member bodies in each of two tenants ` +
          `(${data.rows.toLocaleString('en-GB')} rows written in ${(data.durationMs / 1000).toFixed(1)} s); ` +
          `${server}; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(2)} at the end`,
        connections: options.connections,
        durationSeconds: options.durationSeconds,
        warmUpSeconds: Math.min(WARM_UP_SECONDS, options.durationSeconds),
        load,
        idleRssKb,
        peakRssKb,
        alone,
        aloneRepeats: ALONE_REPEATS,
        statementsCountedBy: countedBy,
      })}\n`,
    );
  } finally {
    await api?.stop();
    if (statementLog && owner) await statementLog.disable(owner);
    await owner?.end();
    await ownerSource?.destroy();
    if (created && options.keep) progress(`Kept the database ${DATABASE} (drop it with: drop database ${DATABASE})`);
    else if (created) await dropBenchDatabase(config);
  }
}

async function underLoad(
  api: ApiProcess,
  token: string,
  data: ReadData,
  options: ReadBenchOptions,
  progress: (line: string) => void,
): Promise<{ load: LoadFigures; idleRssKb: number; peakRssKb: number }> {
  const ids = data.fullLocalityIds;
  const spec = {
    url: api.url,
    token,
    connections: options.connections,
    localityId: () => ids[Math.floor(Math.random() * ids.length)],
  };
  const idleRssKb = await api.residentKb();
  const warmUp = Math.min(WARM_UP_SECONDS, options.durationSeconds);
  progress(`Warm-up: ${warmUp} s`);
  await runLoad({ ...spec, durationMs: warmUp * 1000 });
  progress(`Measuring: ${options.connections} connections for ${options.durationSeconds} s`);
  let peakRssKb = await api.residentKb();
  const sampler = setInterval(() => {
    api.residentKb().then(
      (kb) => (peakRssKb = Math.max(peakRssKb, kb)),
      () => undefined,
    );
  }, 200);
  try {
    const load = await runLoad({ ...spec, durationMs: options.durationSeconds * 1000 });
    return { load, idleRssKb, peakRssKb };
  } finally {
    clearInterval(sampler);
  }
}

async function readAlone(api: ApiProcess, token: string, localityId: string, members: number): Promise<SingleRead> {
  const times: number[] = [];
  let responseBytes = 0;
  for (let i = 0; i < ALONE_REPEATS; i++) {
    const answer = await readDashboard({ url: api.url, token }, localityId);
    if (answer.status !== 200 || answer.body.includes('"errors":')) {
      throw new Error(`the dashboard of a ${members}-body locality failed: ${answer.status} ${answer.body.toString('utf8', 0, 300)}`);
    }
    times.push(answer.ms);
    responseBytes = answer.body.length;
  }
  times.sort((a, b) => a - b);
  return { members, medianMs: times[Math.floor(times.length / 2)], responseBytes, statements: 'not counted yet' };
}

/** Signs the tenant's administrator in over GraphQL: the bearer token of the reads. */
async function signIn(url: string, tenant: ReadTenant): Promise<string> {
  const data = await graphqlData<{ signIn: { accessToken: string } }>(url, `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, {
    input: { tenant: tenant.slug, email: tenant.adminEmail, password: tenant.adminPassword },
  });
  return data.signIn.accessToken;
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench:read: ${error.message}\n`);
    process.exit(1);
  },
);
