import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Client } from 'pg';

const NAME = /^[a-z_][a-z0-9_]*$/;
const DEBIAN_LOGS = '/var/log/postgresql';

/**
 * Counts the SQL statements the application role sends to the benchmark database, from
 * PostgreSQL's own log: every statement that reaches the server, begin, settings and
 * commit included, whatever library sent it (the API runs in another process, so its
 * StatementCounter cannot be read). pg_stat_statements would do without the log, but it
 * must be preloaded at server start, which a benchmark should not require.
 *
 * log_statement is set for that role in that database only, and takes effect for new
 * sessions: start the API after enable(), and call disable() before dropping or keeping the database.
 */
export class StatementLog {
  private constructor(
    private readonly file: string,
    /** What starts a logged statement's line of this role and database, or null when the prefix cannot tell. */
    private readonly who: string | null,
    private readonly role: string,
    private readonly database: string,
  ) {}

  /** Finds the server's log, checks that it is readable here and turns statement logging on. */
  static async enable(owner: Client, appDatabaseUrl: string): Promise<StatementLog> {
    const url = new URL(appDatabaseUrl);
    const role = decodeURIComponent(url.username);
    const database = decodeURIComponent(url.pathname.slice(1));
    if (!NAME.test(role) || !NAME.test(database)) throw new Error(`unexpected role or database name: ${role}, ${database}`);
    const { rows } = await owner.query<{ file: string | null; directory: string; prefix: string }>(
      `select pg_current_logfile() as file, current_setting('data_directory') as directory, current_setting('log_line_prefix') as prefix`,
    );
    const { file: current, directory, prefix } = rows[0];
    const file = current ? (isAbsolute(current) ? current : join(directory, current)) : newestDebianLog();
    closeSync(openSync(file, 'r'));
    const who = prefix.includes('%u@%d') ? `${role}@${database} ` : null;
    await owner.query(`alter role "${role}" in database "${database}" set log_statement = 'all'`);
    return new StatementLog(file, who, role, database);
  }

  async disable(owner: Client): Promise<void> {
    await owner.query(`alter role "${this.role}" in database "${this.database}" reset log_statement`);
  }

  /** Where the log ends now: count() from here. */
  mark(): number {
    return statSync(this.file).size;
  }

  /** Statements logged since `from` (the log is written as they arrive; give it a moment to flush). */
  count(from: number): number {
    const size = statSync(this.file).size;
    if (size <= from) return 0;
    const buffer = Buffer.alloc(size - from);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, from);
    } finally {
      closeSync(fd);
    }
    // Simple queries log "statement:", extended-protocol ones "execute <name>:"; the
    // continuation lines of a multi-line statement carry no prefix.
    const logged = /LOG: {2}(statement|execute [^:]*):/;
    return buffer
      .toString('utf8')
      .split('\n')
      .filter((line) => logged.test(line) && (this.who === null || line.includes(`${this.who}LOG:`))).length;
  }

  /** Statements per call of `send`, after one uncounted call (a session's first statements differ). */
  async perRequest(send: () => Promise<unknown>, repeats: number): Promise<number> {
    await send();
    await settle();
    const from = this.mark();
    for (let i = 0; i < repeats; i++) await send();
    await settle();
    return this.count(from) / repeats;
  }

  get where(): string {
    return this.file;
  }
}

/** PostgreSQL writes its log as statements arrive; a moment lets the last lines land. */
const settle = () => new Promise((wake) => setTimeout(wake, 500));

/** Without the logging collector PostgreSQL writes to stderr, which Debian's packaging sends here. */
function newestDebianLog(): string {
  const files = readdirSync(DEBIAN_LOGS)
    .filter((name) => name.endsWith('.log'))
    .map((name) => join(DEBIAN_LOGS, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!files.length) throw new Error(`no PostgreSQL log found (pg_current_logfile() is null and ${DEBIAN_LOGS} has no .log file)`);
  return files[0];
}
