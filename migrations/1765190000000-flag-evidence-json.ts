import { MigrationInterface, QueryRunner } from 'typeorm';
import { EVIDENCE_RECORDS_FUNCTION, EVIDENCE_RECORDS_JSON_FUNCTION, evidenceRecordsJsonFunctionSql } from '../libs/governance/src/flag-evidence.sql';
import { executableByApplication } from './support/tenant-isolation';

/**
 * A flag keeps its evidence records as the json text every page asks for as well
 * (`evidenceRecords { type id role }`), so a locality's list copies one column per flag
 * instead of unpacking and rewriting each flag's records at every read (issue 23: about a
 * fifth of that statement). Generated from evidence through the one definition of the
 * records; adding it rewrites the table, so flags already there get theirs now.
 */
export class FlagEvidenceJson1765190000000 implements MigrationInterface {
  name = 'FlagEvidenceJson1765190000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(evidenceRecordsJsonFunctionSql());
    await executableByApplication(runner, [`${EVIDENCE_RECORDS_JSON_FUNCTION}(jsonb)`]);
    await runner.query(`
      alter table governance_flag
        add column evidence_records_json text not null
          generated always as (${EVIDENCE_RECORDS_JSON_FUNCTION}(${EVIDENCE_RECORDS_FUNCTION}(evidence))) stored`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table governance_flag drop column if exists evidence_records_json`);
    await runner.query(`drop function if exists ${EVIDENCE_RECORDS_JSON_FUNCTION}(jsonb)`);
  }
}
