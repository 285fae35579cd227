import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A refresh token is `<tenant id>.<token id>.<secret>`: the ids find the row under the
 * right tenant, and only a hash of the secret is stored.
 */
export interface RefreshTokenParts {
  tenantId: string;
  tokenId: string;
  secret: string;
}

export function newRefreshSecret(): { secret: string; hash: Buffer } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret) };
}

/**
 * The secret of the token that replaces token `tokenId` at a refresh. It is derived from
 * that token's secret with a server key, so the successor need not be stored: a second,
 * concurrent refresh with the same token (another browser tab) gets the same successor,
 * and only a holder of the old secret can compute it.
 */
export function successorSecret(serverKey: string, tokenId: string, secret: string): { secret: string; hash: Buffer } {
  const successor = createHmac('sha256', serverKey).update(`refresh-successor:${tokenId}:${secret}`).digest('base64url');
  return { secret: successor, hash: hashSecret(successor) };
}

export function formatRefreshToken(parts: RefreshTokenParts): string {
  return `${parts.tenantId}.${parts.tokenId}.${parts.secret}`;
}

export function parseRefreshToken(token: string): RefreshTokenParts | undefined {
  const [tenantId, tokenId, secret, ...rest] = token.split('.');
  if (rest.length || !UUID.test(tenantId ?? '') || !UUID.test(tokenId ?? '') || !secret) return undefined;
  return { tenantId, tokenId, secret };
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
