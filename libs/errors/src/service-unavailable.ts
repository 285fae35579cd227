/**
 * An outage, not a fault: the database (or another service JoinedUp needs) cannot be
 * reached just now. The client is told to retry (`SERVICE_UNAVAILABLE`, HTTP 503 with
 * Retry-After) instead of "something went wrong".
 */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
export const RETRY_AFTER_SECONDS = 5;
export const SERVICE_UNAVAILABLE_MESSAGE = `JoinedUp cannot reach its database just now. Please try again in a few seconds.`;

/** Socket errors of a connection that cannot be made or was lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is shutting down, starting, or refusing connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What pg and typeorm say when the connection itself is gone (they give no code). */
const CONNECTION_LOST = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * Whether `error` (or what it wraps: a driver error, a cause, a non-Error value graphql
 * wrapped) says the database cannot be reached.
 */
export function isServiceUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; thrownValue?: unknown; originalError?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08')) return true;
  if (typeof e.message === 'string' && CONNECTION_LOST.test(e.message)) return true;
  return [e.driverError, e.cause, e.thrownValue, e.originalError].some((inner) => inner !== error && isServiceUnavailable(inner, depth + 1));
}
