import { formatRefreshToken, newRefreshSecret, parseRefreshToken, secretMatches } from './refresh-token';

/** How long an emailed sign-in link works. */
export const SIGN_IN_LINK_DAYS = 7;
/** Links a tenant administrator may have sent to one user in an hour (a mailbox is not a target). */
export const SIGN_IN_LINKS_PER_HOUR = 3;
/** Where a link opens, after MAIL_WEB_BASE. */
export const SIGN_IN_LINK_PATH = 'set-password/';

/**
 * A sign-in link's token has a refresh token's shape, `<tenant id>.<link id>.<secret>`:
 * the ids find the row under its tenant, and only the SHA-256 of the secret is stored.
 */
export function newSignInToken(tenantId: string, linkId: string): { token: string; hash: Buffer } {
  const { secret, hash } = newRefreshSecret();
  return { token: formatRefreshToken({ tenantId, tokenId: linkId, secret }), hash };
}

export function parseSignInToken(token: string): { tenantId: string; linkId: string; secret: string } | undefined {
  const parts = parseRefreshToken(token);
  return parts && { tenantId: parts.tenantId, linkId: parts.tokenId, secret: parts.secret };
}

export { secretMatches as signInSecretMatches };
