import { stdSerializers } from 'pino';

/**
 * Fields of a PostgreSQL error that name things (SQLSTATE, constraint, table, column, type)
 * and never carry values. `detail` ("Failing row contains (…)"), `where`, `hint` and the
 * statement's parameters can: they are never logged.
 */
const NAMING_FIELDS = ['constraint', 'table', 'column', 'schema', 'dataType', 'routine'] as const;
const MAX_SQL_LOGGED = 2000;

type ErrorLike = Error & Record<string, unknown>;

const isErrorLike = (value: unknown): value is ErrorLike => value instanceof Error;

/** A failed SQL statement: TypeORM's QueryFailedError, or a PostgreSQL error as pg raises it. */
export function isStatementError(error: unknown): boolean {
  if (!isErrorLike(error)) return false;
  if (error.name === 'QueryFailedError' || 'driverError' in error) return true;
  return typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && 'severity' in error;
}

function sqlStateOf(error: ErrorLike): string | undefined {
  const driver = isErrorLike(error.driverError) ? error.driverError : error;
  return typeof driver.code === 'string' ? driver.code : undefined;
}

/**
 * A message safe to log. PostgreSQL's own messages can quote the values of a statement
 * (`invalid input syntax for type uuid: "…"`), so a failed statement is described by its
 * SQLSTATE and the names involved instead.
 */
export function safeErrorMessage(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  if (!isStatementError(error)) return error.message;
  const code = sqlStateOf(error);
  if (!code) {
    // No SQLSTATE: the driver or the network failed (timeout, connection lost), not PostgreSQL.
    const driver = isErrorLike(error.driverError) ? error.driverError : error;
    return `Statement failed: ${driver.message}`;
  }
  const names = (['constraint', 'table', 'column', 'dataType'] as const)
    .filter((f) => typeof error[f] === 'string')
    .map((f) => `${f} ${String(error[f])}`);
  return `Statement failed: ${code}${names.length ? ` (${names.join(', ')})` : ''}`;
}

/** The stack with its first line (which repeats the message) rewritten to the safe message. */
function safeStack(error: ErrorLike): string | undefined {
  if (!isStatementError(error)) return error.stack;
  const frames = error.stack?.indexOf('\n    at ') ?? -1;
  return `${error.name}: ${safeErrorMessage(error)}${frames >= 0 ? error.stack!.slice(frames) : ''}`;
}

function causesOf(error: ErrorLike): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let cause = error.cause; isErrorLike(cause) && !chain.includes(cause) && chain.length < 10; cause = cause.cause) {
    chain.push(cause);
  }
  return chain;
}

function serializeStatementError(error: ErrorLike): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.name,
    message: safeErrorMessage(error),
    stack: safeStack(error),
    sqlState: sqlStateOf(error),
  };
  // The statement's SQL text is ours, with $n placeholders; its parameters are the caller's.
  if (typeof error.query === 'string') out.query = error.query.slice(0, MAX_SQL_LOGGED);
  for (const field of NAMING_FIELDS) if (typeof error[field] === 'string') out[field] = error[field];
  return out;
}

/**
 * pino's `err` serializer: the standard one, except that failed statements (also as the
 * cause of another error) are logged with their SQL text, SQLSTATE and names, never with
 * parameter values, `detail` or a message that quotes a value.
 */
export function serializeError(value: unknown): unknown {
  if (!isErrorLike(value)) return value;
  if (isStatementError(value)) return serializeStatementError(value);
  const out = stdSerializers.err(value) as unknown as Record<string, unknown>;
  const causes = causesOf(value);
  if (causes.some(isStatementError)) {
    out.message = [value, ...causes].map(safeErrorMessage).join(': ');
    out.stack = [value, ...causes].map(safeStack).join('\ncaused by: ');
  }
  for (const [key, nested] of Object.entries(value)) {
    if (key !== 'cause' && isErrorLike(nested)) out[key] = serializeError(nested);
  }
  if (Array.isArray(value.errors)) out.aggregateErrors = value.errors.map(serializeError);
  return out;
}
