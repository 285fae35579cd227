import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The edit code's lookup (survey_response_tenant) reads the pool, which the settle empties
 * with TRUNCATE: a lookup that waited for a settle in progress read the pool with the
 * snapshot of the statement that called it, taken before the wait, and saw neither the
 * pooled row (truncated) nor the settled one (committed after its snapshot), so the
 * respondent's edit code was refused. VOLATILE, its query takes its own snapshot once it
 * holds the pool's lock, and sees the settled row.
 */
export class EditCodeLookupAfterSettle1765200000000 implements MigrationInterface {
  name = 'EditCodeLookupAfterSettle1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter function survey_response_tenant(bytea) volatile`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter function survey_response_tenant(bytea) stable`);
  }
}
