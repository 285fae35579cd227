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
 * An error meant for the caller: its message is written for a coordinator and is
 * returned as it is, with `code` as `extensions.code`.
 */
export class AppError extends IntrinsicException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (message: string, field?: string): AppError =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {});
export const unauthenticated = (message = 'You need to sign in again.'): AppError =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do that.'): AppError => new AppError('FORBIDDEN', message);
export const conflict = (message: string): AppError => new AppError('CONFLICT', message);
/** A request over one of the limits on its size or shape (depth, aliases, cost…), refused before it runs. */
export const queryTooComplex = (message: string): AppError => new AppError('QUERY_TOO_COMPLEX', message);
/** Also used where the caller may not learn whether the record exists at all. */
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} was not found.`);
