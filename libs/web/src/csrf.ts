import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens bound to a browser session: the token of a form is an HMAC of that browser's
 * random session id (kept in an httpOnly cookie), so a page of another site can neither read
 * it nor forge it, and one session's token is refused in another's.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  /** `secret` is a server secret (from libs/config); the key is derived from it for this one use. */
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('joinedup-web-csrf').digest();
  }

  static newSessionId(): string {
    return randomBytes(32).toString('base64url');
  }

  tokenFor(sessionId: string): string {
    return createHmac('sha256', this.key).update(sessionId).digest('base64url');
  }

  /** True only for the token of this very session; anything missing or malformed is false. */
  verify(sessionId: unknown, token: unknown): boolean {
    if (typeof sessionId !== 'string' || typeof token !== 'string' || !sessionId) return false;
    const expected = Buffer.from(this.tokenFor(sessionId));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
