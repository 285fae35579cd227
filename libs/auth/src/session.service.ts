import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { unauthenticated } from '@joinedup/errors';
import { AccessTokens } from './access-token';
import { ACCESS_TOKENS } from './auth.guard';
import { verifyAgainstDecoy, verifyPassword } from './password-hasher';
import { formatRefreshToken, newRefreshSecret, parseRefreshToken, secretMatches } from './refresh-token';
import { Role } from '@joinedup/access';

export const MAX_FAILED_SIGN_INS = 10;
export const FAILED_SIGN_IN_WINDOW_MINUTES = 15;

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  userId: string;
  tenantId: string;
}

interface UserRow {
  id: string;
  password_hash: string;
  role: Role;
  active: boolean;
}

const INVALID_CREDENTIALS = 'The email, password or organisation name is not right.';
const INVALID_REFRESH = 'Your session has ended; sign in again.';

/** Sign-in, refresh-token rotation with reuse detection, and sign-out. */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: TenantDb,
    @Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(email: string, password: string, tenantSlug: string): Promise<IssuedSession> {
    const [tenant] = await this.db.queryWithoutTenant<{ id: string | null }>('select tenant_id_for_slug($1) as id', [
      tenantSlug,
    ]);
    if (!tenant?.id) {
      await verifyAgainstDecoy(password);
      throw unauthenticated(INVALID_CREDENTIALS);
    }
    const tenantId = tenant.id;

    // Failures are committed even though the sign-in is refused, so this runs in a
    // transaction of its own and reports the outcome instead of throwing inside it.
    const outcome = await this.db.run({ tenantId }, async (manager) => {
      if ((await this.recentFailures(manager, email)) >= MAX_FAILED_SIGN_INS) return 'throttled' as const;
      const [user] = (await manager.query(
        `select id, password_hash, role, active from app_user where lower(email) = lower($1)`,
        [email],
      )) as UserRow[];
      const valid = user ? await verifyPassword(user.password_hash, password) : (await verifyAgainstDecoy(password), false);
      if (!user || !valid || !user.active) {
        await manager.query(`insert into sign_in_failure (tenant_id, email) values ($1, lower($2))`, [tenantId, email]);
        return 'refused' as const;
      }
      await manager.query(`delete from sign_in_failure where lower(email) = lower($1)`, [email]);
      const [session] = (await manager.query(
        `insert into auth_session (tenant_id, user_id) values ($1, $2) returning id`,
        [tenantId, user.id],
      )) as { id: string }[];
      return this.issue(manager, { tenantId, userId: user.id, sessionId: session.id, role: user.role });
    });

    if (outcome === 'throttled') {
      throw unauthenticated(
        `Too many failed sign-ins for this account. Wait ${FAILED_SIGN_IN_WINDOW_MINUTES} minutes and try again.`,
      );
    }
    if (outcome === 'refused') throw unauthenticated(INVALID_CREDENTIALS);
    return outcome;
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already used means it was
   * copied: the whole session (every token descended from the same sign-in) is revoked.
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw unauthenticated(INVALID_REFRESH);
    const outcome = await this.db.run({ tenantId: parts.tenantId }, async (manager) => {
      const [row] = (await manager.query(
        `select t.token_hash, t.used_at, t.expires_at < now() as expired, t.session_id,
                s.revoked_at, u.id as user_id, u.role, u.active
           from refresh_token t
           join auth_session s on s.tenant_id = t.tenant_id and s.id = t.session_id
           join app_user u on u.tenant_id = s.tenant_id and u.id = s.user_id
          where t.id = $1
          for update of t, s`,
        [parts.tokenId],
      )) as {
        token_hash: Buffer;
        used_at: Date | null;
        expired: boolean;
        session_id: string;
        revoked_at: Date | null;
        user_id: string;
        role: Role;
        active: boolean;
      }[];
      if (!row || !secretMatches(parts.secret, row.token_hash)) return 'invalid' as const;
      if (row.used_at) {
        await manager.query(`update auth_session set revoked_at = now() where id = $1 and revoked_at is null`, [
          row.session_id,
        ]);
        return 'reused' as const;
      }
      if (row.revoked_at || row.expired || !row.active) return 'invalid' as const;
      await manager.query(`update refresh_token set used_at = now() where id = $1`, [parts.tokenId]);
      return this.issue(manager, {
        tenantId: parts.tenantId,
        userId: row.user_id,
        sessionId: row.session_id,
        role: row.role,
      });
    });
    if (outcome === 'reused') {
      throw unauthenticated('This refresh token was already used, so the session has been ended for safety. Sign in again.');
    }
    if (outcome === 'invalid') throw unauthenticated(INVALID_REFRESH);
    return outcome;
  }

  /** Ends the caller's session: its refresh tokens and access tokens stop working. */
  async signOut(sessionId: string): Promise<void> {
    await this.db.query(`update auth_session set revoked_at = now() where id = $1 and revoked_at is null`, [sessionId]);
  }

  private async recentFailures(manager: EntityManager, email: string): Promise<number> {
    const [row] = (await manager.query(
      `select count(*)::int as failures from sign_in_failure
        where lower(email) = lower($1) and attempted_at > now() - make_interval(mins => $2)`,
      [email, FAILED_SIGN_IN_WINDOW_MINUTES],
    )) as { failures: number }[];
    return row.failures;
  }

  private async issue(
    manager: EntityManager,
    claims: { tenantId: string; userId: string; sessionId: string; role: Role },
  ): Promise<IssuedSession> {
    const { secret, hash } = newRefreshSecret();
    const [token] = (await manager.query(
      `insert into refresh_token (tenant_id, session_id, token_hash, expires_at)
       values ($1, $2, $3, now() + make_interval(secs => $4)) returning id`,
      [claims.tenantId, claims.sessionId, hash, this.config.refreshTokenTtlSeconds],
    )) as { id: string }[];
    const access = await this.tokens.sign(claims);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: formatRefreshToken({ tenantId: claims.tenantId, tokenId: token.id, secret }),
      userId: claims.userId,
      tenantId: claims.tenantId,
    };
  }
}
