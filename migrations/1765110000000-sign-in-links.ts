import { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateByTenant } from './support/tenant-isolation';

/**
 * Sign-in links (issue 21): a tenant administrator has JoinedUp email a user a link to
 * choose their password, instead of choosing it for them.
 * - app_user.password_hash may be empty: a user created with a sign-in link has no
 *   password until they choose one (sign-in refuses them as it refuses a wrong password).
 * - sign_in_link: one row per link asked for. The API writes the request (who, by whom,
 *   when: the per-user rate counts these); the mail worker issues the token as it sends it
 *   and keeps only its SHA-256 with the expiry. Issuing a link ends the user's older ones;
 *   using it sets used_at, once.
 */
export class SignInLinks1765110000000 implements MigrationInterface {
  name = 'SignInLinks1765110000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table app_user alter column password_hash drop not null`);
    await runner.query(`
      create table sign_in_link (
        tenant_id uuid not null,
        id uuid not null default gen_random_uuid(),
        user_id uuid not null,
        requested_by_user_id uuid,
        requested_at timestamptz not null default now(),
        token_hash bytea check (octet_length(token_hash) = 32),
        issued_at timestamptz,
        expires_at timestamptz,
        sent_at timestamptz,
        used_at timestamptz,
        primary key (tenant_id, id),
        foreign key (tenant_id, user_id) references app_user (tenant_id, id) on delete cascade,
        foreign key (tenant_id, requested_by_user_id) references app_user (tenant_id, id) on delete set null (requested_by_user_id),
        check ((token_hash is null) = (expires_at is null)),
        check (used_at is null or token_hash is not null)
      )`);
    await runner.query(`create index sign_in_link_user on sign_in_link (tenant_id, user_id, requested_at desc)`);
    await isolateByTenant(runner, 'sign_in_link', 'select, insert, update');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`drop table if exists sign_in_link`);
    // Users without a password get a value that is no hash (no password matches it), so the column can be required again.
    await runner.query(`update app_user set password_hash = '!' where password_hash is null`);
    await runner.query(`alter table app_user alter column password_hash set not null`);
  }
}
