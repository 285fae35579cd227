import { SignJWT, jwtVerify } from 'jose';
import { Role } from '@joinedup/access';

const ISSUER = 'joinedup';
const AUDIENCE = 'joinedup-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set<unknown>(Object.values(Role));

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export interface AccessClaims {
  tenantId: string;
  userId: string;
  sessionId: string;
  role: Role;
}

/** How many verified tokens are remembered (a few MB at most). */
const REMEMBERED_TOKENS = 10_000;

/** Signs and checks short-lived access tokens (HS256 only: `alg: none` and others are refused). */
export class AccessTokens {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified, with their claims and expiry: a client sends the same token
   * with every request, and verifying it (WebCrypto, on the thread pool) cost more than
   * the rest of authentication. Keyed by the whole token, signature included, so only a
   * token this process verified itself is ever found; the session behind it is still
   * checked on every request, so signing out or deactivation take effect at once.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAt: number }>();

  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT({ tid: claims.tenantId, sid: claims.sessionId, role: claims.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /**
   * The claims of a valid token, or undefined for any token that is not (never throws).
   * Every claim it signs must be there (`exp`, `iat`, `sub`, `tid`, `sid`, `role`), and
   * claims are checked for shape too: a correctly signed token with a `tid` that is not a
   * uuid must be an invalid token, not a failed statement.
   */
  async verify(token: string): Promise<AccessClaims | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.claims;
      this.verified.delete(token);
    }
    try {
      // Without `exp` jose would accept a token for ever, and without `iat` its age is unknown.
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'iat', 'sub', 'tid', 'sid', 'role'],
      });
      const { sub, tid, sid, role, exp, iat } = payload as Record<string, unknown>;
      if (typeof exp !== 'number' || typeof iat !== 'number') return undefined;
      if (!isUuid(sub) || !isUuid(tid) || !isUuid(sid) || !ROLES.has(role)) return undefined;
      const claims = { userId: sub, tenantId: tid, sessionId: sid, role: role as Role };
      this.remember(token, claims, exp * 1000);
      return claims;
    } catch {
      return undefined;
    }
  }

  private remember(token: string, claims: AccessClaims, expiresAt: number): void {
    // Oldest first out (a Map iterates in insertion order).
    if (this.verified.size >= REMEMBERED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { claims, expiresAt });
  }
}
