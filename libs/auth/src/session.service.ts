import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@joinedup/config';
import { TenantDb } from '@joinedup/database';
import { unauthenticated } from '@joinedup/errors';
import { Role } from '@joinedup/access';
import { AccessTokens } from './access-token';
import { ACCESS_TOKENS } from './authenticator';
import { ConcurrencyLimitFull } from './concurrency-limit';
import { PasswordHasher } from './password-hasher';
import { formatRefreshToken, newRefreshSecret, parseRefreshToken, secretMatches, successorSecret } from './refresh-token';
import { SignInThrottle } from './sign-in-throttle';
import { AuthReason } from './auth.errors';

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  userId: string;
  tenantId: string;
}

interface UserRow {
  id: string;
  /** None until a user created with a sign-in link has chosen a password. */
  password_hash: string | null;
  role: Role;
  active: boolean;
}

interface RefreshRow {
  token_hash: Buffer;
  used_at: Date | null;
  within_grace: boolean;
  replaced_by: string | null;
  expired: boolean;
  session_id: string;
  revoked_at: Date | null;
  user_id: string;
  role: Role;
  active: boolean;
}

interface Claims {
  tenantId: string;
  userId: string;
  sessionId: string;
  role: Role;
}

const INVALID_CREDENTIALS = 'The email, password or tenant (your organisation’s JoinedUp name) is not right.';
const INVALID_REFRESH = 'Your session has ended; sign in again.';
const BUSY = 'Too many sign-ins are being checked at this moment. Try again in a few seconds.';

/**
 * Sign-in, refresh-token rotation with reuse detection, and sign-out. Passwords are
 * checked between short transactions, never inside one.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly db: TenantDb,
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    @Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(email: string, password: string, tenantSlug: string, clientAddress: string): Promise<IssuedSession> {
    const gate = await this.throttle.admit(tenantSlug, clientAddress);
    if (!gate.addressAllowed) {
      throw unauthenticated(
        `Too many failed sign-ins from your network address. Try again in ${this.throttle.windowMinutes} minutes.`,
        AuthReason.SIGN_IN_THROTTLED,
      );
    }
    const tenantId = gate.tenantId;
    if (!tenantId) {
      await this.checkPassword(() => this.hasher.verifyAgainstDecoy(password));
      throw unauthenticated(INVALID_CREDENTIALS, AuthReason.CREDENTIALS_INVALID);
    }

    // Committed whatever the outcome: the reserved try counts until a sign-in succeeds.
    const attempt = await this.db.run({ tenantId }, async () => {
      const wait = await this.throttle.reserveAccount(tenantId, email);
      if (wait) return { wait };
      const [user] = await this.db.query<UserRow>(
        `select id, password_hash, role, active from app_user where lower(email) = lower($1)`,
        [email],
      );
      return { wait, user };
    });
    if (attempt.wait) {
      throw unauthenticated(
        `Too many failed sign-ins for this account. Try again in ${attempt.wait} second${attempt.wait === 1 ? '' : 's'}.`,
        AuthReason.SIGN_IN_THROTTLED,
      );
    }

    const user = attempt.user;
    const valid = await this.checkPassword(() =>
      user?.password_hash ? this.hasher.verify(user.password_hash, password) : this.hasher.verifyAgainstDecoy(password),
    );
    if (!user || !valid || !user.active) throw unauthenticated(INVALID_CREDENTIALS, AuthReason.CREDENTIALS_INVALID);

    const session = await this.db.run({ tenantId, userId: user.id }, async () => {
      await this.throttle.clearAccount(email);
      return this.start(tenantId, user.id, user.role);
    });
    await this.throttle.releaseAddress(clientAddress);
    return session;
  }

  /** A new session of a user whose identity was proven (a password, a sign-in link), in the current transaction. */
  async start(tenantId: string, userId: string, role: Role): Promise<IssuedSession> {
    const [row] = await this.db.query<{ id: string }>(`insert into auth_session (tenant_id, user_id) values ($1, $2) returning id`, [tenantId, userId]);
    const issued = await this.issue({ tenantId, userId, sessionId: row.id, role }, newRefreshSecret());
    return issued.session;
  }

  /**
   * Exchanges a refresh token for a new pair. The same token presented again within the
   * grace period (two tabs refreshing at once) gets the same new refresh token; later, it
   * means the token was copied, and the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw unauthenticated(INVALID_REFRESH, AuthReason.SESSION_ENDED);
    const outcome = await this.db.run({ tenantId: parts.tenantId }, async () => {
      const [row] = await this.db.query<RefreshRow>(
        `select t.token_hash, t.used_at, t.used_at > now() - make_interval(secs => $2) as within_grace, t.replaced_by,
                t.expires_at < now() as expired, t.session_id, s.revoked_at, u.id as user_id, u.role, u.active
           from refresh_token t
           join auth_session s on s.tenant_id = t.tenant_id and s.id = t.session_id
           join app_user u on u.tenant_id = s.tenant_id and u.id = s.user_id
          where t.id = $1
          for update of t, s`,
        [parts.tokenId, this.config.refreshReuseGraceSeconds],
      );
      if (!row || !secretMatches(parts.secret, row.token_hash)) return 'invalid' as const;
      const claims = { tenantId: parts.tenantId, userId: row.user_id, sessionId: row.session_id, role: row.role };
      const successor = successorSecret(this.config.jwtSecret, parts.tokenId, parts.secret);
      if (row.used_at) {
        if (row.within_grace && row.replaced_by && !row.revoked_at && row.active) {
          return this.reissue(claims, row.replaced_by, successor.secret);
        }
        await this.db.query(`update auth_session set revoked_at = now() where id = $1 and revoked_at is null`, [
          row.session_id,
        ]);
        return 'reused' as const;
      }
      if (row.revoked_at || row.expired || !row.active) return 'invalid' as const;
      const issued = await this.issue(claims, successor);
      await this.db.query(`update refresh_token set used_at = now(), replaced_by = $2 where id = $1`, [
        parts.tokenId,
        issued.refreshTokenId,
      ]);
      return issued.session;
    });
    if (outcome === 'reused') {
      throw unauthenticated('This refresh token was already used, so the session has been ended for safety. Sign in again.', AuthReason.SESSION_ENDED);
    }
    if (outcome === 'invalid') throw unauthenticated(INVALID_REFRESH, AuthReason.SESSION_ENDED);
    return outcome;
  }

  /** Ends the caller's session: its refresh tokens and access tokens stop working. */
  async signOut(sessionId: string): Promise<void> {
    await this.db.query(`update auth_session set revoked_at = now() where id = $1 and revoked_at is null`, [sessionId]);
  }

  /** Runs a password check in the hasher's bounded line; a full line refuses at once. */
  private async checkPassword(check: () => Promise<boolean>): Promise<boolean> {
    try {
      return await check();
    } catch (error) {
      throw error instanceof ConcurrencyLimitFull ? unauthenticated(BUSY, AuthReason.SIGN_IN_BUSY) : error;
    }
  }

  private async issue(
    claims: Claims,
    refresh: { secret: string; hash: Buffer },
  ): Promise<{ session: IssuedSession; refreshTokenId: string }> {
    const [token] = await this.db.query<{ id: string }>(
      `insert into refresh_token (tenant_id, session_id, token_hash, expires_at)
       values ($1, $2, $3, now() + make_interval(secs => $4)) returning id`,
      [claims.tenantId, claims.sessionId, refresh.hash, this.config.refreshTokenTtlSeconds],
    );
    return { session: await this.reissue(claims, token.id, refresh.secret), refreshTokenId: token.id };
  }

  /** A new access token with the refresh token `tokenId` whose secret is `secret`. */
  private async reissue(claims: Claims, tokenId: string, secret: string): Promise<IssuedSession> {
    const access = await this.tokens.sign(claims);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: formatRefreshToken({ tenantId: claims.tenantId, tokenId, secret }),
      userId: claims.userId,
      tenantId: claims.tenantId,
    };
  }
}
