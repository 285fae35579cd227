import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { childEnvironment, loadConfig, localStartEnvironment } from '@joinedup/config';
import { ensureDatabase, provisionDatabase, runMigrations } from '@joinedup/database';
import { redactedUrl } from '@joinedup/jobs';
import { allMigrations } from '@joinedup/migrations';
import { runCli } from './cli-args';
import { DemoLogin, describeDemoLogin, ensureDemoLogin } from './demo-login';
import { MailCatcher, startMailCatcher } from './mail-catcher';
import { superviseServices } from './process-supervisor';

const say = (line: string): void => void process.stdout.write(`[start] ${line}\n`);

/**
 * npm start — on a bare machine (no NODE_ENV, no DATABASE_URL) as development; provides the database (DATABASE_URL's server, or without it an embedded
 * PostgreSQL in .joinedup/ with a demo partnership loaded at its first start), migrates
 * it, then runs the api and the worker as child processes until SIGINT or SIGTERM.
 * Without SMTP_URL (outside production) it runs a local mail catcher and sends there.
 * Exits non-zero if either of them stops on its own.
 */
runCli('start', async () => {
  const local = localStartEnvironment();
  if (local.developmentByDefault) {
    say('NODE_ENV is not set and there is no DATABASE_URL: running as development (a built-in JWT secret, stack traces in errors). Set NODE_ENV=production for anything but a local demo.');
  }
  const database = await provisionDatabase(loadConfig(local.env), say);
  const { config } = database;
  let catcher: MailCatcher | undefined;
  try {
    say(
      config.embeddedDataDir
        ? `Embedded mode: PostgreSQL run by JoinedUp itself, data in ${config.embeddedDataDir}`
        : `Server mode: PostgreSQL at ${redactedUrl(config.databaseUrl)}`,
    );
    say(config.redisUrl ? `Job queues on Redis at ${redactedUrl(config.redisUrl)}` : 'Job queues on PostgreSQL (no REDIS_URL)');
    if (await ensureDatabase(config.databaseMigrationUrl)) say('Created the database');
    const applied = await runMigrations(config, allMigrations);
    say(applied.length ? `Applied ${applied.join(', ')}` : 'The schema is up to date');
    const demo = config.embeddedDataDir
      ? await ensureDemoLogin(config, join(dirname(config.embeddedDataDir), 'demo-login.json'))
      : undefined;

    // Outside production a missing SMTP_URL means the local catcher; in production, no mail.
    catcher = config.mail.smtpUrl || config.nodeEnv === 'production' ? undefined : await startMailCatcher();
    const smtpUrl = catcher?.smtpUrl ?? config.mail.smtpUrl;
    say(
      catcher
        ? `Mail goes to a local catcher (no SMTP_URL): SMTP at ${catcher.smtpUrl}`
        : smtpUrl
          ? `Mail through ${redactedUrl(smtpUrl)}`
          : 'Sending mail is off (no SMTP_URL): health-check links are given to the coordinator',
    );

    const apps = join(__dirname, '..', '..');
    const services = superviseServices(
      [
        { name: 'api', script: join(apps, 'api', 'src', 'main.js') },
        { name: 'worker', script: join(apps, 'worker', 'src', 'main.js') },
      ],
      // The services read their settings from this environment, pointed at the database in use.
      childEnvironment({ ...config, mail: { ...config.mail, smtpUrl } }),
      say,
    );
    let stopped = false;
    const done = services.finally(() => {
      stopped = true;
    });
    void announceWhenListening(config.host, config.port, demo, catcher?.inboxUrl, () => stopped);
    await done;
  } finally {
    await catcher?.close();
    await database.release();
  }
});

/** Prints the web address, then the GraphQL one (the mail catcher's inbox, and the demo sign-in), once the api answers. */
async function announceWhenListening(
  host: string,
  port: number,
  demo: DemoLogin | undefined,
  mailInbox: string | undefined,
  stopped: () => boolean,
): Promise<void> {
  // Listening on every interface (HOST=0.0.0.0 or ::) includes this machine's loopback.
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const base = `http://${reachable}:${port}`;
  for (let attempt = 0; attempt < 240 && !stopped(); attempt++) {
    try {
      const response = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        say(`JoinedUp is running (Ctrl-C to stop).`);
        say(`Web: ${base}/`);
        say(`GraphQL API: POST ${base}/graphql`);
        if (mailInbox) say(`Mail: ${mailInbox} (every message JoinedUp sends)`);
        if (demo) describeDemoLogin(demo).forEach(say);
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}
