import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { MailJobs, Mailer, UnsubscribeTokens, mailFailure } from '@joinedup/mail';
import { DigestLocality, FLAGS_NAMED_PER_LOCALITY, weeklyDigestMail } from './weekly-digest-mail';
import { WEEKLY_DIGEST_JOB, WeeklyDigestJob } from './weekly-digest.jobs';

/** Most localities one digest lists (the busiest first); a tenant has far fewer. */
const MAX_LOCALITIES = 50;

interface Recipient {
  email: string;
  display_name: string;
  link_generation: number;
}

/**
 * Sends one user's weekly digest. At most once per user and week: the week's mark
 * (mail_digest_sent) is written and committed BEFORE the message goes out, so a worker
 * killed mid-send, or a second job for the same week, sends nothing more; the price is
 * that a worker killed between the mark and the server's answer loses that week's digest.
 * A summary is worth less than a duplicate is annoying (the issue asks for no duplicates),
 * and next week's digest covers the same ground. When the SMTP server refuses for now
 * (down, 4xx) the mark is taken back before the job fails, so the queue's retry sends it.
 */
@Injectable()
export class WeeklyDigestMailing implements OnModuleInit {
  constructor(
    private readonly jobs: MailJobs,
    private readonly mailer: Mailer,
    private readonly db: TenantDb,
    private readonly tokens: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.handle<WeeklyDigestJob>(WEEKLY_DIGEST_JOB, (job) => this.send(job.data));
  }

  async send({ tenantId, userId, week }: WeeklyDigestJob): Promise<{ sent: number; skipped?: string }> {
    const claimed = await this.db.run({ tenantId }, async () => {
      const [recipient] = await this.db.query<Recipient>(
        `select u.email, u.display_name, coalesce(p.link_generation, 0) as link_generation
           from app_user u left join mail_preference p on p.tenant_id = u.tenant_id and p.user_id = u.id
          where u.id = $1 and u.active and u.role in ('COORDINATOR', 'REVIEWER') and not coalesce('DIGEST' = any(p.kinds_off), false)`,
        [userId],
      );
      if (!recipient) return undefined;
      const marked = await this.db.query(
        `insert into mail_digest_sent (tenant_id, user_id, iso_week) values ($1, $2, $3) on conflict do nothing returning 1`,
        [tenantId, userId, week],
      );
      if (!marked.length) return undefined;
      return { recipient, localities: await this.localities() };
    });
    if (!claimed) return { sent: 0, skipped: 'digest off, or sent already' };

    const { recipient, localities } = claimed;
    const webBase = this.config.mail.webBase;
    const unsubscribeUrl = `${webBase}unsubscribe/${this.tokens.sign({ tenantId, recipientId: userId, kind: 'DIGEST', generation: recipient.link_generation })}`;
    try {
      await this.mailer.send({
        to: { address: recipient.email, name: recipient.display_name },
        content: weeklyDigestMail({ recipientName: recipient.display_name, week, localities, webBase, unsubscribeUrl }),
        messageKey: `weekly-digest.${userId}.${week}`,
        tenantId,
        unsubscribeUrl,
      });
    } catch (error) {
      const failure = mailFailure(error);
      if (failure.permanent) return { sent: 0, skipped: failure.message };
      await this.db.run({ tenantId }, () =>
        this.db.query(`delete from mail_digest_sent where user_id = $1 and iso_week = $2`, [userId, week]),
      );
      throw failure;
    }
    return { sent: 1 };
  }

  /**
   * Every locality with news in the last 7 days (a flag raised or resolved, or its health
   * changed): counts, the latest flags named, and its overall health a week ago and now,
   * from the locality's snapshots. Coordinators and reviewers read all of the tenant's governance.
   */
  private async localities(): Promise<DigestLocality[]> {
    const rows = await this.db.query<{
      id: string;
      name: string;
      raised: number;
      resolved: number;
      raised_flags: { id: string; message: string }[];
      resolved_flags: { id: string; message: string }[];
      health_before: number | null;
      health_now: number | null;
    }>(
      `with since as (select now() - interval '7 days' as at),
       week as (
         select l.id, l.name,
                (select count(*) from governance_flag f, since where f.locality_id = l.id and f.first_raised_at >= since.at)::int as raised,
                (select count(*) from governance_flag f, since where f.locality_id = l.id and f.resolved_at >= since.at)::int as resolved,
                coalesce((select json_agg(json_build_object('id', x.id, 'message', x.message) order by x.first_raised_at desc, x.id)
                            from (select f.id, f.message, f.first_raised_at from governance_flag f, since
                                   where f.locality_id = l.id and f.first_raised_at >= since.at
                                   order by f.first_raised_at desc, f.id limit $1) x), '[]') as raised_flags,
                coalesce((select json_agg(json_build_object('id', x.id, 'message', x.message) order by x.resolved_at desc, x.id)
                            from (select f.id, f.message, f.resolved_at from governance_flag f, since
                                   where f.locality_id = l.id and f.resolved_at >= since.at
                                   order by f.resolved_at desc, f.id limit $1) x), '[]') as resolved_flags,
                (select s.overall from health_snapshot s, since where s.subject_type = 'LOCALITY' and s.subject_id = l.id and s.taken_at < since.at
                  order by s.taken_at desc, s.id desc limit 1) as health_before,
                (select s.overall from health_snapshot s where s.subject_type = 'LOCALITY' and s.subject_id = l.id
                  order by s.taken_at desc, s.id desc limit 1) as health_now
           from locality l
          where l.archived_at is null)
       select * from week
        where raised > 0 or resolved > 0 or health_now is distinct from health_before
        order by raised + resolved desc, name, id
        limit $2`,
      [FLAGS_NAMED_PER_LOCALITY, MAX_LOCALITIES],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      raised: r.raised,
      resolved: r.resolved,
      raisedFlags: r.raised_flags,
      resolvedFlags: r.resolved_flags,
      healthBefore: r.health_before,
      healthNow: r.health_now,
    }));
  }
}
