import 'reflect-metadata';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@joinedup/config';
import { ensureDatabase, runMigrations } from '@joinedup/database';
import { allMigrations } from '@joinedup/migrations';
import { runCli } from './cli-args';
import { superviseServices } from './process-supervisor';

const say = (line: string): void => void process.stdout.write(`[start] ${line}\n`);

/**
 * npm start — creates the database if missing, migrates it, then runs the api and the
 * worker as child processes until SIGINT or SIGTERM. Exits non-zero if either of them
 * stops on its own.
 */
runCli('start', async () => {
  const config = loadConfig();
  if (await ensureDatabase(config.databaseMigrationUrl)) say('Created the database');
  const applied = await runMigrations(config, allMigrations);
  say(applied.length ? `Applied ${applied.join(', ')}` : 'The schema is up to date');

  const apps = join(__dirname, '..', '..');
  const services = superviseServices(
    [
      { name: 'api', script: join(apps, 'api', 'src', 'main.js') },
      { name: 'worker', script: join(apps, 'worker', 'src', 'main.js') },
    ],
    // The services read their settings from the same environment (through loadConfig).
    process.env,
    say,
  );
  let stopped = false;
  const done = services.finally(() => {
    stopped = true;
  });
  void announceWhenListening(config.port, () => stopped);
  await done;
});

/** Prints the GraphQL address once the api answers, so the user knows where to go. */
async function announceWhenListening(port: number, stopped: () => boolean): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240 && !stopped(); attempt++) {
    try {
      const response = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        say(`JoinedUp is running. GraphQL API: POST ${base}/graphql (Ctrl-C to stop)`);
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}
