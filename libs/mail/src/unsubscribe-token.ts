import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnsubscribeKind, isUnsubscribeKind } from './mail-kinds';

/** Whose mail of which kind an unsubscribe link stops; `generation` is the recipient's link generation when it was sent. */
export interface UnsubscribeClaim {
  tenantId: string;
  /** A user, or for HEALTH_CHECK a person (invitees are people, not users). */
  recipientId: string;
  kind: UnsubscribeKind;
  generation: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Longer tokens are not ours: refused before any work. */
export const MAX_UNSUBSCRIBE_TOKEN_LENGTH = 300;

/**
 * Unsubscribe links that need no row per message: the token carries tenant, user, kind and
 * link generation, with an HMAC over them. It never expires (a link in an old message must
 * still work), and is revoked by bumping the user's link generation. The key is derived
 * from a server secret for this one use, as the CSRF tokens' is.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('joinedup-mail-unsubscribe').digest();
  }

  sign(claim: UnsubscribeClaim): string {
    const body = Buffer.from(`v1.${claim.tenantId}.${claim.recipientId}.${claim.kind}.${claim.generation}`).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The claim of a token this server signed; undefined for anything else (forged, altered, malformed). */
  verify(token: unknown): UnsubscribeClaim | undefined {
    if (typeof token !== 'string' || token.length > MAX_UNSUBSCRIBE_TOKEN_LENGTH) return undefined;
    const [body, mac, ...rest] = token.split('.');
    if (!body || !mac || rest.length) return undefined;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [version, tenantId, recipientId, kind, generation, ...extra] = Buffer.from(body, 'base64url').toString().split('.');
    if (version !== 'v1' || extra.length || !UUID.test(tenantId) || !UUID.test(recipientId) || !isUnsubscribeKind(kind) || !/^\d{1,9}$/.test(generation)) {
      return undefined;
    }
    return { tenantId, recipientId, kind, generation: Number(generation) };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/**
 * The headers of a message with a one-click unsubscribe (RFC 8058): mail clients show an
 * "Unsubscribe" button that POSTs `List-Unsubscribe=One-Click` to the URL, without cookies.
 */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  if (!/^https?:\/\/[^\s<>]+$/i.test(url)) throw new Error('An unsubscribe URL must be an http(s) URL without spaces or angle brackets');
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
