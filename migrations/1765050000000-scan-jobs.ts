import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scan row names its queue job, so the worker can check unfinished scans against their
 * jobs (a job lost with the queue store's data, or failed without the scan's own error
 * handler, would otherwise leave its scan QUEUED or RUNNING for ever).
 */
export class ScanJobs1765050000000 implements MigrationInterface {
  name = 'ScanJobs1765050000000';

  async up(runner: QueryRunner): Promise<void> {
    // Null for a requested scan not started yet: its job id follows from the scan's id.
    await runner.query(`alter table governance_scan add column job_id text check (length(job_id) <= 300)`);
    await runner.query(
      `create index governance_scan_unfinished_idx on governance_scan (tenant_id, queued_at) where state in ('QUEUED', 'RUNNING')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop index governance_scan_unfinished_idx`);
    await runner.query(`alter table governance_scan drop column job_id`);
  }
}
