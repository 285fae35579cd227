import { IntrinsicException } from '@nestjs/common';

/** The stable `extensions.code` values a client can rely on. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'REQUEST_TIMEOUT'
  | 'QUERY_TOO_COMPLEX';

/**
 * Why, more precisely than its code, an error was raised: a stable string a client may
 * branch on (`extensions.reason`). A reason always comes with the same code, so the type
 * lets only a reason of the right code be given to `conflict()`, `forbidden()`…
 */
export interface Reason<C extends ErrorCode = ErrorCode> {
  readonly reason: string;
  readonly code: C;
}

/** Every reason defined by the libraries loaded, so that none is defined twice and each can be documented. */
const REASONS = new Map<string, Reason>();

/**
 * A library's own reasons, each with its code, e.g. in `registry.errors.ts`:
 * `export const RegistryReason = defineReasons({ LOCALITY_FULL: 'CONFLICT' })`.
 */
export function defineReasons<const T extends Record<string, ErrorCode>>(codes: T): { readonly [K in keyof T & string]: Reason<T[K]> } {
  for (const reason of Object.keys(codes)) {
    if (REASONS.has(reason)) throw new Error(`The error reason ${reason} is defined twice`);
    REASONS.set(reason, { reason, code: codes[reason] });
  }
  return Object.fromEntries(Object.keys(codes).map((reason) => [reason, REASONS.get(reason)])) as {
    [K in keyof T & string]: Reason<T[K]>;
  };
}

/** The reasons defined so far (by the libraries loaded). */
export const definedReasons = (): readonly Reason[] => [...REASONS.values()];

/**
 * An error meant for the caller: its message is written for a coordinator and is
 * returned as it is, with `code` as `extensions.code` and `reason` as `extensions.reason`.
 */
export class AppError extends IntrinsicException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly reason?: Reason,
  ) {
    super(message);
    this.name = 'AppError';
    if (reason && reason.code !== code) throw new Error(`Reason ${reason.reason} belongs to ${reason.code}, not ${code}`);
  }
}

export const badInput = (message: string, field?: string, reason?: Reason<'BAD_USER_INPUT'>): AppError =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {}, reason);
export const unauthenticated = (message = 'You need to sign in again.', reason?: Reason<'UNAUTHENTICATED'>): AppError =>
  new AppError('UNAUTHENTICATED', message, {}, reason);
export const forbidden = (message = 'You are not allowed to do that.', reason?: Reason<'FORBIDDEN'>): AppError =>
  new AppError('FORBIDDEN', message, {}, reason);
export const conflict = (message: string, reason?: Reason<'CONFLICT'>): AppError => new AppError('CONFLICT', message, {}, reason);
/** A request over one of the limits on its size or shape (depth, aliases, cost…), refused before it runs. */
export const queryTooComplex = (message: string): AppError => new AppError('QUERY_TOO_COMPLEX', message);
/** Also used where the caller may not learn whether the record exists at all. */
export const notFound = (what: string, reason?: Reason<'NOT_FOUND'>): AppError =>
  new AppError('NOT_FOUND', `${what} was not found.`, {}, reason);
