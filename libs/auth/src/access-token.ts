import { SignJWT, jwtVerify } from 'jose';
import { Role } from '@joinedup/access';

const ISSUER = 'joinedup';
const AUDIENCE = 'joinedup-api';

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

  /** The claims of a valid token, or undefined for any token that is not (never throws). */
  async verify(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      const { sub, tid, sid, role } = payload as Record<string, unknown>;
      if (![sub, tid, sid, role].every((v) => typeof v === 'string')) return undefined;
      return { userId: sub as string, tenantId: tid as string, sessionId: sid as string, role: role as Role };
    } catch {
      return undefined;
    }
  }
}
