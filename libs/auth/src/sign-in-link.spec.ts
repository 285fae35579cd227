import { newSignInToken, parseSignInToken, signInSecretMatches } from './sign-in-link';

describe('sign-in link tokens', () => {
  const tenantId = '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11';
  const linkId = '5d1b2a34-1c3e-4f5a-8b9c-0d1e2f3a4b5c';

  it('carry the tenant and link, and a secret only its hash matches', () => {
    const { token, hash } = newSignInToken(tenantId, linkId);
    const parts = parseSignInToken(token)!;
    expect(parts).toMatchObject({ tenantId, linkId });
    expect(signInSecretMatches(parts.secret, hash)).toBe(true);
    expect(signInSecretMatches(`${parts.secret.slice(0, -1)}A`, hash)).toBe(parts.secret.endsWith('A'));
    expect(newSignInToken(tenantId, linkId).token).not.toBe(token);
  });

  it('refuses what is not a token', () => {
    expect(parseSignInToken('nope')).toBeUndefined();
    expect(parseSignInToken(`${tenantId}.${linkId}`)).toBeUndefined();
    expect(parseSignInToken(`${tenantId}.not-an-id.secret`)).toBeUndefined();
  });
});
