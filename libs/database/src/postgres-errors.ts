import { QueryFailedError } from 'typeorm';

/** The SQLSTATE of a failed statement, if the error came from PostgreSQL. */
export function sqlState(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';
