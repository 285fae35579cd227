import { createHash, randomBytes } from 'node:crypto';

/**
 * Response links and edit codes are random secrets (32 bytes, base64url); the database
 * keeps only their SHA-256, so a copy of the database cannot answer for anyone.
 */
export function newResponseSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** A secret as issued: 43 base64url characters. Anything else is refused before any lookup. */
export function looksLikeSecret(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
