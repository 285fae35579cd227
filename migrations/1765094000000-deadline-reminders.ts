import { MigrationInterface, QueryRunner } from 'typeorm';
import { executableByApplication, isolateByTenant } from './support/tenant-isolation';

const FUNCTIONS = ['deadline_reminder_tenants(uuid, int)'];

/**
 * Deadline reminders (issue 22).
 * - deadline_reminder_sent: one row per user, deadline, due day and reminder moment,
 *   written (and committed) before the message is sent; its primary key is what keeps a
 *   reminder to at most once. The due day is in the key: a deadline moved to another day
 *   may be reminded again for the new day.
 * - deadline_reminder_tenants(): the tenants, a page at a time, for the worker's scheduler,
 *   which then reads each tenant's deadlines under its row-level security.
 */
export class DeadlineReminders1765094000000 implements MigrationInterface {
  name = 'DeadlineReminders1765094000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      create table deadline_reminder_sent (
        tenant_id uuid not null,
        user_id uuid not null,
        deadline_id text not null check (length(deadline_id) between 1 and 200),
        due_on date not null,
        moment text not null check (moment ~ '^[a-z0-9-]{1,30}$'),
        sent_at timestamptz not null default now(),
        primary key (tenant_id, user_id, deadline_id, due_on, moment),
        foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade
      )`);
    // The scheduler forgets marks whose due day is long past (no moment can be due again).
    await runner.query(`create index deadline_reminder_sent_due_on on deadline_reminder_sent (tenant_id, due_on)`);
    await isolateByTenant(runner, 'deadline_reminder_sent', 'select, insert, delete');

    await runner.query(`
      create function deadline_reminder_tenants(p_after uuid, p_limit int) returns table (tenant_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select t.id from tenant t
         where p_after is null or t.id > p_after
         order by t.id
         limit least(greatest(p_limit, 1), 1000)
      $$`);
    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
    await runner.query(`drop table if exists deadline_reminder_sent`);
  }
}
