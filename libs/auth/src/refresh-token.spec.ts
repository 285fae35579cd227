import { formatRefreshToken, newRefreshSecret, parseRefreshToken, secretMatches, successorSecret } from './refresh-token';

describe('refresh tokens', () => {
  const tenantId = '2f1d1f4e-2d3c-4b5a-9e8f-7a6b5c4d3e2f';
  const tokenId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

  it('round-trips and matches only its own secret', () => {
    const { secret, hash } = newRefreshSecret();
    const parsed = parseRefreshToken(formatRefreshToken({ tenantId, tokenId, secret }));
    expect(parsed).toEqual({ tenantId, tokenId, secret });
    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(newRefreshSecret().secret, hash)).toBe(false);
  });

  it('rejects malformed tokens', () => {
    expect(parseRefreshToken('nonsense')).toBeUndefined();
    expect(parseRefreshToken(`${tenantId}.not-a-uuid.secret`)).toBeUndefined();
    expect(parseRefreshToken(`${tenantId}.${tokenId}.`)).toBeUndefined();
    expect(parseRefreshToken(`${tenantId}.${tokenId}.a.b`)).toBeUndefined();
  });

  it('derives the same successor for the same token, and another for any other token or key', () => {
    const { secret } = newRefreshSecret();
    const successor = successorSecret('server key of at least thirty-two chars', tokenId, secret);
    expect(successorSecret('server key of at least thirty-two chars', tokenId, secret)).toEqual(successor);
    expect(secretMatches(successor.secret, successor.hash)).toBe(true);
    expect(successor.secret).not.toBe(secret);
    expect(successorSecret('server key of at least thirty-two chars', tokenId, newRefreshSecret().secret).secret).not.toBe(successor.secret);
    expect(successorSecret('another server key, also long enough', tokenId, secret).secret).not.toBe(successor.secret);
    expect(successorSecret('server key of at least thirty-two chars', tenantId, secret).secret).not.toBe(successor.secret);
  });
});
