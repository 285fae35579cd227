import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { loadConfig } from '@joinedup/config';
import { openDataSource } from '@joinedup/database';
import { AppLogger, createLogger } from './app-logger';
import { safeErrorMessage, serializeError } from './error-serializer';

// Real failed statements from the test database: what PostgreSQL and TypeORM put in them is
// exactly what must not reach a log line.
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0LXNhbHQ$S3cr3tHashValueThatMustNotLeak';
const EMAIL = 'leaky-address@example.org';

function capturingLogger(): { logger: AppLogger; lines: () => string[] } {
  const lines: string[] = [];
  const pino = createLogger({ level: 'info', pretty: false, service: 'test', destination: { write: (line: string) => lines.push(line) } });
  return { logger: new AppLogger(pino), lines: () => lines };
}

async function failure(db: DataSource, sql: string, parameters: unknown[]): Promise<QueryFailedError> {
  try {
    await db.query(sql, parameters);
  } catch (error) {
    if (error instanceof QueryFailedError) return error;
    throw error;
  }
  throw new Error('the statement was expected to fail');
}

const INSERT_USER = `insert into app_user (tenant_id, email, display_name, password_hash, role) values ($1, $2, $3, $4, $5)`;

describe('serializeError (failed statements)', () => {
  let db: DataSource;
  let checkViolation: QueryFailedError;
  let badUuid: QueryFailedError;

  beforeAll(async () => {
    db = await openDataSource({ url: loadConfig().databaseMigrationUrl, applicationName: 'joinedup-test', poolSize: 1 });
    // A member representative without an organisation violates a check constraint.
    checkViolation = await failure(db, INSERT_USER, [randomUUID(), EMAIL, 'Leaky', HASH, 'MEMBER_REPRESENTATIVE']);
    badUuid = await failure(db, `select $1::uuid`, ['secret-value-abc']);
  });

  afterAll(() => db.destroy());

  it('are errors that would leak without the serializer', () => {
    expect(JSON.stringify({ ...checkViolation, message: checkViolation.message })).toContain(HASH);
    expect(checkViolation.message + JSON.stringify(checkViolation)).toContain(EMAIL);
    expect(badUuid.message).toContain('secret-value-abc');
  });

  it('logs the SQL text, SQLSTATE and constraint of a failed insert, never its values or detail', () => {
    const { logger, lines } = capturingLogger();
    logger.error(checkViolation, 'Unexpected error in request r1', 'GraphQL');
    const [line] = lines();
    const entry = JSON.parse(line);

    expect(entry.err).toMatchObject({
      type: 'QueryFailedError',
      query: INSERT_USER,
      sqlState: '23514',
      constraint: 'app_user_representative_has_organisation',
      table: 'app_user',
    });
    expect(entry.msg).toBe('Statement failed: 23514 (constraint app_user_representative_has_organisation, table app_user)');
    expect(entry.err.stack).toMatch(/^QueryFailedError: Statement failed: 23514.*\n\s+at /);
    for (const secret of [HASH, 'S3cr3tHash', EMAIL, 'Failing row', 'parameters', 'detail']) expect(line).not.toContain(secret);
  });

  it('replaces a PostgreSQL message that quotes a value', () => {
    const { logger, lines } = capturingLogger();
    logger.error(badUuid);
    expect(JSON.parse(lines()[0])).toMatchObject({ msg: 'Statement failed: 22P02', err: { sqlState: '22P02', query: 'select $1::uuid' } });
    expect(lines()[0]).not.toContain('secret-value-abc');
  });

  it('redacts a failed statement that is the cause of another error, or logged straight to pino', () => {
    const { logger, lines } = capturingLogger();
    logger.error(new Error('Commit failed', { cause: checkViolation }));
    logger.pino.error(badUuid);
    logger.pino.warn({ err: checkViolation }, 'relay will retry');
    const [wrapped, direct, warned] = lines().map((l) => JSON.parse(l));
    expect(wrapped.err.message).toBe('Commit failed: Statement failed: 23514 (constraint app_user_representative_has_organisation, table app_user)');
    expect(direct.msg).toBe('Statement failed: 22P02');
    expect(warned.err.query).toBe(INSERT_USER);
    for (const secret of [HASH, EMAIL, 'secret-value-abc', 'Failing row']) expect(lines().join('\n')).not.toContain(secret);
  });

  it('leaves other errors as pino logs them', () => {
    const error = new Error('Redis connection lost');
    expect(serializeError(error)).toMatchObject({ type: 'Error', message: 'Redis connection lost', stack: error.stack });
    expect(safeErrorMessage(error)).toBe('Redis connection lost');
    expect(serializeError('not an error')).toBe('not an error');
  });
});
