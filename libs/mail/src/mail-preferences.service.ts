import { Injectable } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { badInput } from '@joinedup/errors';
import { MAIL_KINDS, MailKind, PERSON_MAIL_KIND, UNSUBSCRIBE_KIND_NAMES } from './mail-kinds';
import { MailPreferencesType, MailUnsubscribeLinkType } from './mail-preferences.types';
import { UnsubscribeTokens } from './unsubscribe-token';

/** Said of every link that is not ours, altered, or revoked: the same words for each, so none can be told apart. */
export const UNKNOWN_UNSUBSCRIBE_LINK = 'This unsubscribe link does not work. Sign in and change your mail preferences instead.';

export function preferencesOf(kindsOff: readonly string[]): MailPreferencesType {
  const off = MAIL_KINDS.filter((kind) => kindsOff.includes(kind));
  return { kindsOn: MAIL_KINDS.filter((kind) => !off.includes(kind)), kindsOff: off, digest: !off.includes('DIGEST') };
}

/**
 * Each user's mail preferences: the kinds switched off (no row: all on), and the
 * generation of their unsubscribe links. Read and written under the caller's tenant (RLS);
 * an unsubscribe link opens a transaction of the tenant it names, once its HMAC checks out.
 */
@Injectable()
export class MailPreferencesService {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  async mine(userId: string): Promise<MailPreferencesType> {
    const [row] = await this.db.query<{ kinds_off: string[] }>(`select kinds_off from mail_preference where user_id = $1`, [userId]);
    return preferencesOf(row?.kinds_off ?? []);
  }

  async update(tenantId: string, userId: string, kindsOn: readonly MailKind[]): Promise<MailPreferencesType> {
    const kindsOff = MAIL_KINDS.filter((kind) => !kindsOn.includes(kind));
    const [row] = await this.db.query<{ kinds_off: string[] }>(
      `insert into mail_preference (tenant_id, user_id, kinds_off) values ($1, $2, $3)
       on conflict (tenant_id, user_id) do update set kinds_off = excluded.kinds_off, updated_at = now()
       returning kinds_off`,
      [tenantId, userId, kindsOff],
    );
    return preferencesOf(row.kinds_off);
  }

  /** Every unsubscribe link sent to the user so far stops working (a forwarded message's link, say); new messages carry new ones. */
  async revokeLinks(tenantId: string, userId: string): Promise<MailPreferencesType> {
    const [row] = await this.db.query<{ kinds_off: string[] }>(
      `insert into mail_preference (tenant_id, user_id, link_generation) values ($1, $2, 1)
       on conflict (tenant_id, user_id) do update set link_generation = mail_preference.link_generation + 1, updated_at = now()
       returning kinds_off`,
      [tenantId, userId],
    );
    return preferencesOf(row.kinds_off);
  }

  /** What a link stops and whether it is stopped; refused when the link does not work. */
  async link(token: string): Promise<MailUnsubscribeLinkType> {
    const claim = this.claimOf(token);
    return this.db.run({ tenantId: claim.tenantId }, async () => {
      const [row] =
        claim.kind === PERSON_MAIL_KIND
          ? await this.db.query<{ subscribed: boolean; link_generation: number }>(
              `select health_check_mail_stopped_at is null as subscribed, 0 as link_generation from person where id = $1`,
              [claim.recipientId],
            )
          : await this.db.query<{ subscribed: boolean; link_generation: number }>(
              `select not coalesce($2 = any(p.kinds_off), false) as subscribed, coalesce(p.link_generation, 0) as link_generation
                 from app_user u left join mail_preference p on p.tenant_id = u.tenant_id and p.user_id = u.id
                where u.id = $1`,
              [claim.recipientId, claim.kind],
            );
      if (!row || row.link_generation !== claim.generation) throw badInput(UNKNOWN_UNSUBSCRIBE_LINK, 'token');
      return { kind: claim.kind, kindName: UNSUBSCRIBE_KIND_NAMES[claim.kind], subscribed: row.subscribed };
    });
  }

  /** Switches the link's kind off for its user (or person); the same answer however often it is used. */
  async unsubscribe(token: string): Promise<MailUnsubscribeLinkType> {
    const claim = this.claimOf(token);
    return this.db.run({ tenantId: claim.tenantId }, async () => {
      const rows =
        claim.kind === PERSON_MAIL_KIND
          ? // A person's links carry generation 0: they stop health-check mail to that person, nothing else.
            await this.db.query(
              `update person set health_check_mail_stopped_at = coalesce(health_check_mail_stopped_at, now()) where id = $1 and $2::int = 0 returning id`,
              [claim.recipientId, claim.generation],
            )
          : // The user's row is created, or updated only while the link's generation is current
            // (links are signed with the row's generation, 0 before there is a row).
            await this.db.query(
              `insert into mail_preference as p (tenant_id, user_id, kinds_off, link_generation)
               select u.tenant_id, u.id, array[$2::text], $3 from app_user u where u.id = $1
               on conflict (tenant_id, user_id) do update
                 set kinds_off = case when $2 = any(p.kinds_off) then p.kinds_off else p.kinds_off || $2::text end,
                     updated_at = case when $2 = any(p.kinds_off) then p.updated_at else now() end
                 where p.link_generation = $3
               returning p.user_id`,
              [claim.recipientId, claim.kind, claim.generation],
            );
      if (!rows.length) throw badInput(UNKNOWN_UNSUBSCRIBE_LINK, 'token');
      return { kind: claim.kind, kindName: UNSUBSCRIBE_KIND_NAMES[claim.kind], subscribed: false };
    });
  }

  private claimOf(token: string) {
    const claim = this.tokens.verify(token);
    if (!claim) throw badInput(UNKNOWN_UNSUBSCRIBE_LINK, 'token');
    return claim;
  }
}
