import { Inject, Injectable } from '@nestjs/common';
import { Principal, Role } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { AppError, conflict, notFound, unauthenticated } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { AuthReason } from './auth.errors';
import { ConcurrencyLimitFull } from './concurrency-limit';
import { PasswordHasher } from './password-hasher';
import { assertPasswordPolicy } from './password-policy';
import { IssuedSession, SessionService } from './session.service';
import { SIGN_IN_LINKS_PER_HOUR, parseSignInToken, signInSecretMatches } from './sign-in-link';

/** A link that works, with whom it is for. */
export interface UsableSignInLink {
  userId: string;
  email: string;
  displayName: string;
  tenantName: string;
  expiresAt: Date;
}

interface LinkRow {
  token_hash: Buffer;
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  tenant_name: string;
  expires_at: Date;
}

/** One answer for every link that does not work, whatever the reason: it tells a guesser nothing. */
const unusable = (): AppError =>
  new AppError(
    'NOT_FOUND',
    'This sign-in link cannot be used: it may have been used already, replaced by a newer one, or expired. Ask a tenant administrator of your organisation to send you a new one.',
    {},
    AuthReason.SIGN_IN_LINK_UNUSABLE,
  );

/**
 * Sign-in links: a tenant administrator asks for one (the API writes the request and an
 * event, never a token); the mail worker issues and emails it (SignInLinkMailing); the
 * user opens it, chooses a password and is signed in, once.
 */
@Injectable()
export class SignInLinksService {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditWriter,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Asks for a link to be emailed to an active user of the caller's tenant, in the
   * operation's transaction: refused when sending mail is off or the user had
   * SIGN_IN_LINKS_PER_HOUR in the last hour (the user's row is locked, so two requests
   * at once count one after the other).
   */
  async request(principal: Principal, userId: string): Promise<void> {
    if (!this.config.mail.smtpUrl) {
      throw conflict('JoinedUp cannot send email here (SMTP_URL is not set), so it cannot send a sign-in link. Give the user a password instead.', AuthReason.MAIL_OFF);
    }
    const [user] = await this.db.query<{ email: string; active: boolean; recent: number; next_at: Date | null }>(
      `select u.email, u.active,
              (select count(*)::int from sign_in_link l where l.user_id = u.id and l.requested_at > now() - interval '1 hour') as recent,
              (select min(l.requested_at) + interval '1 hour' from sign_in_link l where l.user_id = u.id and l.requested_at > now() - interval '1 hour') as next_at
         from app_user u where u.id = $1 for update of u`,
      [userId],
    );
    if (!user) throw notFound('The user');
    if (!user.active) throw conflict(`${user.email} is deactivated, so they cannot be sent a sign-in link.`, AuthReason.USER_INACTIVE);
    if (user.recent >= SIGN_IN_LINKS_PER_HOUR) {
      const at = user.next_at!.toISOString().slice(11, 16);
      throw conflict(
        `${user.email} has been sent ${SIGN_IN_LINKS_PER_HOUR} sign-in links in the last hour; send another after ${at} UTC.`,
        AuthReason.SIGN_IN_LINK_RATE,
      );
    }
    const [link] = await this.db.query<{ id: string }>(
      `insert into sign_in_link (tenant_id, user_id, requested_by_user_id) values ($1, $2, $3) returning id`,
      [principal.tenantId, userId, principal.userId],
    );
    await recordEvent(this.outbox, DOMAIN_EVENT.userSignInLinkRequested, { userId, linkId: link.id });
    await this.audit.record({ action: 'user.sign_in_link_requested', entityType: 'USER', entityId: userId, after: { linkId: link.id } });
  }

  /** Whom a link that works is for; NOT_FOUND (one message) for any link that does not. */
  async describe(token: string): Promise<UsableSignInLink> {
    const { row } = await this.usable(token);
    return { userId: row.user_id, email: row.email, displayName: row.display_name, tenantName: row.tenant_name, expiresAt: row.expires_at };
  }

  /**
   * Sets the password of the link's user and signs them in, using the link up. The
   * password is checked and hashed between two transactions; the second uses the link only
   * if it still works (a concurrent use, or a newer link, wins), ends the user's other
   * sessions and older links, and starts a session. A refused password changes nothing.
   */
  async redeem(token: string, password: string): Promise<IssuedSession> {
    const { tenantId, linkId, row } = await this.usable(token);
    // Told to the person choosing it: "Your password is too easy to guess: …".
    await assertPasswordPolicy(password, [row.email, row.display_name, row.tenant_name], 'password', 'Your password');
    let passwordHash: string;
    try {
      passwordHash = await this.hasher.hash(password);
    } catch (error) {
      if (error instanceof ConcurrencyLimitFull) throw unauthenticated('Too many passwords are being checked at this moment. Try again in a few seconds.', AuthReason.SIGN_IN_BUSY);
      throw error;
    }
    return this.db.run({ tenantId, userId: row.user_id }, async () => {
      const [used] = await this.db.query<{ user_id: string }>(
        `update sign_in_link set used_at = now()
          where id = $1 and token_hash = $2 and used_at is null and expires_at > now() returning user_id`,
        [linkId, row.token_hash],
      );
      if (!used) throw unusable();
      const [user] = await this.db.query<{ role: Role }>(
        `update app_user set password_hash = $2, updated_at = now() where id = $1 and active returning role`,
        [row.user_id, passwordHash],
      );
      if (!user) throw unusable();
      await this.db.query(`update auth_session set revoked_at = now() where user_id = $1 and revoked_at is null`, [row.user_id]);
      await this.db.query(
        `update sign_in_link set expires_at = now() where user_id = $1 and id <> $2 and used_at is null and expires_at > now()`,
        [row.user_id, linkId],
      );
      await this.audit.record({ action: 'user.password_set_with_link', entityType: 'USER', entityId: row.user_id, after: { linkId } });
      return this.sessions.start(tenantId, row.user_id, user.role);
    });
  }

  /** The link's row when the token matches one that works: issued, unused, unexpired, of an active user. */
  private async usable(token: string): Promise<{ tenantId: string; linkId: string; row: LinkRow }> {
    const parts = token.length <= 300 ? parseSignInToken(token) : undefined;
    if (!parts) throw unusable();
    const row = await this.db.run({ tenantId: parts.tenantId }, async () => {
      const [found] = await this.db.query<LinkRow>(
        `select l.token_hash, l.user_id, u.email, u.display_name, u.role, t.name as tenant_name, l.expires_at
           from sign_in_link l
           join app_user u on u.tenant_id = l.tenant_id and u.id = l.user_id
           join tenant t on t.id = l.tenant_id
          where l.id = $1 and l.used_at is null and l.expires_at > now() and u.active`,
        [parts.linkId],
      );
      return found;
    });
    if (!row || !signInSecretMatches(parts.secret, row.token_hash)) throw unusable();
    return { tenantId: parts.tenantId, linkId: parts.linkId, row };
  }
}
