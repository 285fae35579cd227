import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

/**
 * PostgreSQL's error behind a failed statement: wrapped by TypeORM (QueryFailedError), or
 * as pg raised it (a prepared statement sent to the pg client directly).
 */
function postgresError(error: unknown): { code?: string; constraint?: string } | undefined {
  if (error instanceof QueryFailedError) return error.driverError as { code?: string; constraint?: string };
  return error instanceof DatabaseError ? error : undefined;
}

/** The SQLSTATE of a failed statement, if the error came from PostgreSQL. */
export function sqlState(error: unknown): string | undefined {
  return postgresError(error)?.code;
}

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

/** The name of the constraint (or unique index) a failed statement violated. */
export function violatedConstraint(error: unknown): string | undefined {
  return postgresError(error)?.constraint;
}
