import { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_RIGHTS, executableByApplication } from './support/tenant-isolation';

const FUNCTIONS = ['health_check_reminders_due(int)'];

/**
 * Health-check invitations by email (issue 22). An invitation says how its link goes out
 * (`delivery`: in the coordinator's answer, or by email) and, for email, when its current
 * link was issued, when the SMTP server accepted it, why the last try failed, and when the
 * reminder went. Still no token, link or response here: tokens stay in survey_token, apart.
 */
export class HealthCheckEmail1765087000000 implements MigrationInterface {
  name = 'HealthCheckEmail1765087000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      alter table survey_invitation
        add column delivery text not null default 'LINK' check (delivery in ('LINK', 'EMAIL')),
        add column link_issued_at timestamptz,
        add column sent_at timestamptz,
        add column send_error text check (length(send_error) <= 1000),
        add column reminded_at timestamptz,
        add constraint survey_invitation_sent_after_issue check (sent_at is null or (delivery = 'EMAIL' and link_issued_at is not null)),
        add constraint survey_invitation_reminded_after_sent check (reminded_at is null or sent_at is not null)`);
    // The worker marks only these columns; who was invited, to which round, never changes.
    await runner.query(`grant update (link_issued_at, sent_at, send_error, reminded_at) on survey_invitation to ${APP_RIGHTS}`);
    // Emailed invitations of a round still to send or remind.
    await runner.query(`create index survey_invitation_email_idx on survey_invitation (tenant_id, round_id) where delivery = 'EMAIL' and reminded_at is null`);

    // The rounds of every tenant whose reminder is due today (UTC): open, closing within
    // p_days, with an emailed invitation sent before today and not yet reminded. It tells
    // the worker ids only, and reads nothing of links, tokens or responses.
    await runner.query(`
      create function health_check_reminders_due(p_days int) returns table (tenant_id uuid, round_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$
        select s.tenant_id, s.id
          from survey_round s
         where s.closed_at is null
           and s.opens_on <= (now() at time zone 'UTC')::date
           and s.closes_on >= (now() at time zone 'UTC')::date
           and s.closes_on - p_days <= (now() at time zone 'UTC')::date
           and exists (select from survey_invitation i
                        where i.tenant_id = s.tenant_id and i.round_id = s.id and i.delivery = 'EMAIL'
                          and i.reminded_at is null and i.sent_at < ((now() at time zone 'UTC')::date)::timestamp at time zone 'UTC')
         order by s.tenant_id, s.id
      $$`);
    await executableByApplication(runner, FUNCTIONS);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const fn of FUNCTIONS) await runner.query(`drop function if exists ${fn}`);
    await runner.query(`drop index if exists survey_invitation_email_idx`);
    await runner.query(`revoke update on survey_invitation from ${APP_RIGHTS}`);
    await runner.query(`
      alter table survey_invitation
        drop constraint survey_invitation_reminded_after_sent,
        drop constraint survey_invitation_sent_after_issue,
        drop column reminded_at, drop column send_error, drop column sent_at, drop column link_issued_at, drop column delivery`);
  }
}
