import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a programme last became ACTIVE. Governance rules judge a programme from then (or
 * from its start date, if later): a programme kept in DRAFT for a year and activated
 * yesterday has not gone 60 days without a briefing. Kept by a trigger, so every path
 * that activates a programme records it.
 */
export class ProgrammeActivation1764790000000 implements MigrationInterface {
  name = 'ProgrammeActivation1764790000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table programme add column activated_at timestamptz`);
    // Existing programmes: the last DRAFT → ACTIVE change in the audit trail, else their creation.
    await runner.query(`
      update programme p
         set activated_at = coalesce(
               (select max(a.occurred_at) from audit_event a
                 where a.tenant_id = p.tenant_id and a.entity_type = 'PROGRAMME' and a.entity_id = p.id
                   and a.after ->> 'status' = 'ACTIVE' and a.before ->> 'status' is distinct from 'ACTIVE'),
               p.created_at)
       where p.status <> 'DRAFT'`);
    await runner.query(`
      create function programme_keep_activation() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          if new.status = 'ACTIVE' then new.activated_at := coalesce(new.activated_at, new.created_at, now()); end if;
        elsif new.status = 'ACTIVE' and old.status is distinct from 'ACTIVE' then
          new.activated_at := now();
        end if;
        return new;
      end $$`);
    await runner.query(`
      create trigger programme_keep_activation before insert or update of status on programme
      for each row execute function programme_keep_activation()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop trigger if exists programme_keep_activation on programme`);
    await runner.query(`drop function if exists programme_keep_activation()`);
    await runner.query(`alter table programme drop column if exists activated_at`);
  }
}
