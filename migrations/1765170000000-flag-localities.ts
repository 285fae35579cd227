import { MigrationInterface, QueryRunner } from 'typeorm';
import { EVIDENCE_RECORDS_FUNCTION, evidenceRecordsFunctionSql } from '../libs/governance/src/flag-evidence.sql';
import { FLAG_LOCALITIES_FUNCTION, FLAG_LOCALITY_TABLE, flagLocalitiesFunctionSql, flagLocalitiesOf } from '../libs/governance/src/flag-localities';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

/**
 * What a locality's list of flags reads, kept instead of derived at each read (issue 23):
 * a flag's evidence records, a column generated from its evidence by the one definition
 * (flag-evidence.ts), and the localities where each flag shows (flag-localities.ts), a table
 * rewritten by statement triggers whenever flags are raised or changed, whose index answers
 * a locality's list in its order. Both are filled for the flags already there.
 *
 * The two functions are made from the code's definitions as they are when this runs; a
 * later change of a definition needs a migration that runs them again and rewrites what
 * they keep (test/governance/flag-stored-forms.e2e-spec.ts fails until it does).
 */
export class FlagLocalities1765170000000 implements MigrationInterface {
  name = 'FlagLocalities1765170000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(evidenceRecordsFunctionSql());
    await executableByApplication(runner, [`${EVIDENCE_RECORDS_FUNCTION}(jsonb)`]);
    // Adding a stored generated column rewrites the table: every flag's records are written now.
    await runner.query(`
      alter table governance_flag
        add column evidence_records jsonb not null generated always as (${EVIDENCE_RECORDS_FUNCTION}(evidence)) stored`);

    await runner.query(`
      create table ${FLAG_LOCALITY_TABLE} (
        tenant_id uuid not null,
        flag_id uuid not null,
        locality_id uuid not null,
        -- The flag's, copied for the list's index: which flags a list asks for.
        state text not null,
        primary key (tenant_id, flag_id, locality_id),
        foreign key (tenant_id, flag_id) references governance_flag (tenant_id, id) on delete cascade,
        foreign key (tenant_id, locality_id) references locality (tenant_id, id)
      )`);
    await runner.query(
      `create index ${FLAG_LOCALITY_TABLE}_list_idx on ${FLAG_LOCALITY_TABLE} (tenant_id, locality_id, state, flag_id)`,
    );
    await isolateByTenant(runner, FLAG_LOCALITY_TABLE, 'select, insert, delete');

    await runner.query(flagLocalitiesFunctionSql());
    await executableByApplication(runner, [`${FLAG_LOCALITIES_FUNCTION}()`]);
    // Transition tables need one trigger per event.
    await runner.query(`
      create trigger governance_flag_localities_raised after insert on governance_flag
      referencing new table as written for each statement execute function ${FLAG_LOCALITIES_FUNCTION}()`);
    await runner.query(`
      create trigger governance_flag_localities_changed after update on governance_flag
      referencing old table as written_before new table as written for each statement execute function ${FLAG_LOCALITIES_FUNCTION}()`);

    await runner.query(`
      insert into ${FLAG_LOCALITY_TABLE} (tenant_id, flag_id, locality_id, state)
      select f.tenant_id, f.id, l.locality_id, f.state
        from governance_flag f cross join lateral (${flagLocalitiesOf('f')}) l`);
    await runner.query(`analyze ${FLAG_LOCALITY_TABLE}`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop trigger if exists governance_flag_localities_changed on governance_flag`);
    await runner.query(`drop trigger if exists governance_flag_localities_raised on governance_flag`);
    await runner.query(`drop function if exists ${FLAG_LOCALITIES_FUNCTION}()`);
    await runner.query(`drop table if exists ${FLAG_LOCALITY_TABLE}`);
    await runner.query(`alter table governance_flag drop column if exists evidence_records`);
    await runner.query(`drop function if exists ${EVIDENCE_RECORDS_FUNCTION}(jsonb)`);
  }
}
