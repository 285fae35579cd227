import { requestContext } from '@joinedup/context';
import { Logger } from 'typeorm';

/**
 * Counts the SQL statements this process sends, so tests and benchmarks can show that a
 * request's statement count does not grow with the data (no N+1). Logs nothing.
 */
export class StatementCounter implements Logger {
  static total = 0;
  /** When a test sets it to a list, the text of each statement is added to it (nothing is kept otherwise). */
  static texts: string[] | null = null;

  logQuery(query: string): void {
    // Only the statements of requests and jobs: a timer's own work (the survey settler's
    // once a minute) must not land in a count a test is taking of a request.
    if (!requestContext.current()) return;
    StatementCounter.total++;
    StatementCounter.texts?.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
