import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByTenant } from './support/tenant-isolation';

/**
 * Re-confirmation of an agreed leader: a nomination has a kind (LEADERSHIP, the only one
 * so far, or RECONFIRMATION of a named current leader) and can end NOT_RECONFIRMED; every
 * decided re-confirmation is kept with the date it was due, when it was decided and the
 * nomination that decided it.
 */
export class LeaderReconfirmation1764630000000 implements MigrationInterface {
  name = 'LeaderReconfirmation1764630000000';

  async up(runner: QueryRunner): Promise<void> {
    // Lets a re-confirmation name its leader together with that leader's programme and
    // person, so a foreign key proves it re-confirms the same person in the same programme.
    await runner.query(
      `create unique index programme_leader_person_key on programme_leader (tenant_id, id, programme_id, person_id)`,
    );

    // Existing nominations are all leadership nominations (the default).
    await runner.query(`
      alter table leader_nomination
        add column kind text not null default 'LEADERSHIP' check (kind in ('LEADERSHIP', 'RECONFIRMATION')),
        add column leader_id uuid,
        drop constraint leader_nomination_status_check,
        add constraint leader_nomination_status_check check (status in ('OPEN', 'AGREED', 'WITHDRAWN', 'NOT_RECONFIRMED')),
        -- A re-confirmation names the leader it re-confirms; a leadership nomination none.
        add constraint leader_nomination_kind_leader check ((kind = 'RECONFIRMATION') = (leader_id is not null)),
        -- Only a re-confirmation can end not re-confirmed, and that is a decision with a date.
        add constraint leader_nomination_not_reconfirmed
          check (status <> 'NOT_RECONFIRMED' or (kind = 'RECONFIRMATION' and decided_at is not null)),
        add constraint leader_nomination_reconfirmed_leader_fk foreign key (tenant_id, leader_id, programme_id, person_id)
          references programme_leader (tenant_id, id, programme_id, person_id)`);
    await runner.query(
      `create unique index leader_nomination_leader_key on leader_nomination (tenant_id, id, leader_id)`,
    );
    await runner.query(
      `create index leader_nomination_leader_idx on leader_nomination (tenant_id, leader_id) where leader_id is not null`,
    );

    // Append-only: one row per decided re-confirmation nomination.
    await runner.query(`
      create table leader_reconfirmation (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        leader_id uuid not null,
        nomination_id uuid not null,
        outcome text not null check (outcome in ('RECONFIRMED', 'NOT_RECONFIRMED')),
        due_on date not null,
        decided_at timestamptz not null default now(),
        reconfirmed_at timestamptz,
        next_reconfirm_by date,
        primary key (tenant_id, id),
        foreign key (tenant_id, leader_id) references programme_leader (tenant_id, id),
        -- The nomination is the re-confirmation of this very leader.
        foreign key (tenant_id, nomination_id, leader_id) references leader_nomination (tenant_id, id, leader_id),
        check ((outcome = 'RECONFIRMED') = (reconfirmed_at is not null)),
        check ((outcome = 'RECONFIRMED') = (next_reconfirm_by is not null)),
        check (next_reconfirm_by > due_on)
      )`);
    await runner.query(
      `create unique index leader_reconfirmation_nomination_key on leader_reconfirmation (tenant_id, nomination_id)`,
    );
    await runner.query(
      `create index leader_reconfirmation_leader_idx on leader_reconfirmation (tenant_id, leader_id, decided_at)`,
    );
    await isolateByTenant(runner, 'leader_reconfirmation', 'select, insert');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table if exists leader_reconfirmation`);
    await runner.query(`delete from endorsement e using leader_nomination n
                          where e.tenant_id = n.tenant_id and e.nomination_id = n.id and n.kind = 'RECONFIRMATION'`);
    await runner.query(`delete from leader_nomination where kind = 'RECONFIRMATION'`);
    await runner.query(`drop index if exists leader_nomination_leader_idx`);
    await runner.query(`drop index if exists leader_nomination_leader_key`);
    await runner.query(`
      alter table leader_nomination
        drop constraint leader_nomination_reconfirmed_leader_fk,
        drop constraint leader_nomination_not_reconfirmed,
        drop constraint leader_nomination_kind_leader,
        drop constraint leader_nomination_status_check,
        add constraint leader_nomination_status_check check (status in ('OPEN', 'AGREED', 'WITHDRAWN')),
        drop column leader_id,
        drop column kind`);
    await runner.query(`drop index if exists programme_leader_person_key`);
  }
}
