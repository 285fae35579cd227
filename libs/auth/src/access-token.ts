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

/** Signs and checks short-lived access tokens (HS256 only: `alg: none` and others are refused). */
export class AccessTokens {
  private readonly key: Uint8Array;

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
   * Claims are checked for shape too: a correctly signed token with a `tid` that is not a
   * uuid must be an invalid token, not a failed statement.
   */
  async verify(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      const { sub, tid, sid, role } = payload as Record<string, unknown>;
      if (!isUuid(sub) || !isUuid(tid) || !isUuid(sid) || !ROLES.has(role)) return undefined;
      return { userId: sub, tenantId: tid, sessionId: sid, role: role as Role };
    } catch {
      return undefined;
    }
  }
}
