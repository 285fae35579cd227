import { Logger } from 'typeorm';

/**
 * Counts the SQL statements this process sends, so tests and benchmarks can show that a
 * request's statement count does not grow with the data (no N+1). Logs nothing.
 */
export class StatementCounter implements Logger {
  static total = 0;

  logQuery(): void {
    StatementCounter.total++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
