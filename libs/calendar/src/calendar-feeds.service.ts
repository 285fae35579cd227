import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { DeadlinesService, MAX_DEADLINES, windowAround } from '@joinedup/deadlines';
import { looksLikeSecret, newResponseSecret, secretHash } from '@joinedup/health-check';
import { calendarFeed, FeedEvent } from './calendar-feed';
import { FEED_EVENTS_SQL } from './feed-events.sql';

/** Deadlines served: from this many days ago to this many days ahead. */
export const FEED_DAYS_BACK = 90;
export const FEED_DAYS_AHEAD = 365;
/** A deadline that went away is served as cancelled for this many days. */
export const CANCELLED_DAYS = 30;
/**
 * Fetches from one client address within the window. Generous: Google and Microsoft
 * fetch every subscriber's feed from a few addresses of their own.
 */
export const FEED_ADDRESS_LIMIT = 1000;
export const FEED_ADDRESS_WINDOW_SECONDS = 10 * 60;

export const FEED_PATH = '/calendar';

/** A user's live feed, without its secret (which is never kept). */
export interface CalendarFeedStatus {
  createdAt: Date;
  lastFetchedAt: Date | null;
}

/** What a fetch of a feed gets: the feed, or why not (told to the caller as 404 or 429 only). */
export type FeedAnswer = { kind: 'feed'; text: string } | { kind: 'unknown' } | { kind: 'throttled' };

/** The try reserved for the client address, and the feed's owner when the secret is live. */
interface FeedOwnerRow {
  address_ok: boolean | null;
  tenant_id: string | null;
  user_id: string | null;
  feed_id: string | null;
}

interface FeedEventRow {
  id: string;
  due_on: string;
  title: string;
  href: string;
  sequence: number;
  cancelled: boolean;
}

/**
 * Private calendar feeds: one live secret per user, stored as its SHA-256 only; renewing
 * revokes the old one. A fetch needs no session, only the secret.
 */
@Injectable()
export class CalendarFeedsService {
  /** Where the web pages are: the origin of the health-check links (the one public address configured). */
  private readonly origin: string;

  constructor(
    private readonly db: TenantDb,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditWriter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.origin = new URL(config.mail.webBase).origin;
  }

  async status(principal: Principal): Promise<CalendarFeedStatus | null> {
    const [row] = await this.db.query<{ created_at: Date; last_fetched_at: Date | null }>(
      `select created_at, last_fetched_at from calendar_feed where user_id = $1 and revoked_at is null`,
      [principal.userId],
    );
    return row ? { createdAt: row.created_at, lastFetchedAt: row.last_fetched_at } : null;
  }

  /** Revokes the caller's feed (if any) and makes a new one; its URL is told only now. */
  async renew(principal: Principal): Promise<{ url: string; feed: CalendarFeedStatus }> {
    const secret = newResponseSecret();
    await this.revokeLive(principal);
    // The partial unique index keeps one live feed per user if two renewals race.
    const [row] = await this.db.query<{ created_at: Date }>(
      `insert into calendar_feed (tenant_id, user_id, secret_hash)
       select tenant_id, id, $2 from app_user where id = $1
       returning created_at`,
      [principal.userId, secretHash(secret)],
    );
    await this.audit.record({ action: 'user.calendar_feed_renewed', entityType: 'USER', entityId: principal.userId });
    return { url: `${this.origin}${FEED_PATH}/${secret}.ics`, feed: { createdAt: row.created_at, lastFetchedAt: null } };
  }

  /** Whether the caller had a feed to revoke. */
  async revoke(principal: Principal): Promise<boolean> {
    const revoked = await this.revokeLive(principal);
    if (revoked) await this.audit.record({ action: 'user.calendar_feed_revoked', entityType: 'USER', entityId: principal.userId });
    return revoked;
  }

  /** Ends the caller's live feed and forgets what it served (a new address starts afresh). */
  private async revokeLive(principal: Principal): Promise<boolean> {
    const [row] = await this.db.query<{ revoked: number }>(
      `with revoked as (
         update calendar_feed set revoked_at = now() where user_id = $1 and revoked_at is null returning tenant_id, id),
       forgotten as (
         delete from calendar_feed_event e using revoked r where e.tenant_id = r.tenant_id and e.feed_id = r.id)
       select count(*)::int as revoked from revoked`,
      [principal.userId],
    );
    return row.revoked > 0;
  }

  /** The feed of `secret`, for a fetch from `clientAddress`; every fetch costs the address a try. */
  async fetch(secret: string, clientAddress: string, now = new Date()): Promise<FeedAnswer> {
    // Like the health check's public door: the try is reserved (and committed) whatever follows.
    const [owner] = await this.db.queryWithoutTenant<FeedOwnerRow>(
      `select reserve_survey_attempt($1, $2, $3) as address_ok, o.tenant_id, o.user_id, o.feed_id
         from (select 1) one left join lateral calendar_feed_owner($4) o on $5`,
      [`calendar-address:${clientAddress.slice(0, 100)}`, FEED_ADDRESS_LIMIT, FEED_ADDRESS_WINDOW_SECONDS, secretHash(secret), looksLikeSecret(secret)],
    );
    if (owner.address_ok !== true) return { kind: 'throttled' };
    if (!owner.tenant_id || !owner.user_id || !owner.feed_id) return { kind: 'unknown' };
    const { tenant_id: tenantId, user_id: userId, feed_id: feedId } = owner;
    const window = windowAround(now, FEED_DAYS_BACK, FEED_DAYS_AHEAD);
    const events = await this.db.run({ tenantId, userId }, async () => {
      const due = await this.deadlines.deadlinesFor(userId, window);
      const rows = await this.db.query<FeedEventRow>(FEED_EVENTS_SQL, [
        tenantId,
        feedId,
        JSON.stringify(due.map((d) => ({ id: d.id, kind: d.kind, due_on: d.dueOn, title: d.title, href: d.href }))),
        window.from,
        MAX_DEADLINES,
        CANCELLED_DAYS,
      ]);
      await this.db.query(`update calendar_feed set last_fetched_at = now() where id = $1`, [feedId]);
      return rows.map(
        (row): FeedEvent => ({ id: row.id, dueOn: row.due_on, title: row.title, href: row.href, sequence: row.sequence, cancelled: row.cancelled }),
      );
    });
    return { kind: 'feed', text: calendarFeed(events, { origin: this.origin, now }) };
  }
}
