import { createHmac } from 'node:crypto';
import { UnsubscribeTokens, listUnsubscribeHeaders } from './unsubscribe-token';

const claim = { tenantId: '11111111-1111-4111-8111-111111111111', recipientId: '22222222-2222-4222-8222-222222222222', kind: 'DIGEST' as const, generation: 3 };

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens('a server secret of at least 32 characters');

  it('gives back the claim it signed, and the token is URL-safe', () => {
    const token = tokens.sign(claim);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.verify(token)).toEqual(claim);
  });

  it('refuses a token altered in any part, signed with another secret, or malformed', () => {
    const token = tokens.sign(claim);
    const [body, mac] = token.split('.');
    const otherKind = Buffer.from(Buffer.from(body, 'base64url').toString().replace('DIGEST', 'IMPROVEMENT_REVIEW_DUE')).toString('base64url');
    expect(tokens.verify(`${otherKind}.${mac}`)).toBeUndefined();
    expect(tokens.verify(`${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    expect(new UnsubscribeTokens('another server secret of 32 characters!').verify(token)).toBeUndefined();
    for (const bad of ['', '.', body, `${token}.x`, 'x'.repeat(400), 42, undefined]) expect(tokens.verify(bad)).toBeUndefined();
  });

  it('refuses a well-signed token whose claim is not a user and a known kind', () => {
    // Signed with the same derived key, as only the server could: the claim itself is refused.
    const key = createHmac('sha256', 'a server secret of at least 32 characters').update('joinedup-mail-unsubscribe').digest();
    const forge = (text: string) => {
      const body = Buffer.from(text).toString('base64url');
      return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
    };
    expect(tokens.verify(forge(`v1.${claim.tenantId}.${claim.recipientId}.DIGEST.3`))).toEqual(claim);
    expect(tokens.verify(forge(`v1.${claim.tenantId}.${claim.recipientId}.NEWSLETTER.0`))).toBeUndefined();
  });
});

describe('List-Unsubscribe headers (RFC 8058)', () => {
  it('names the URL in angle brackets and asks for one-click POSTs', () => {
    expect(listUnsubscribeHeaders('https://joinedup.example/unsubscribe/abc.def')).toEqual({
      'List-Unsubscribe': '<https://joinedup.example/unsubscribe/abc.def>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('refuses a URL that would break the header', () => {
    expect(() => listUnsubscribeHeaders('mailto:x@example.org')).toThrow();
    expect(() => listUnsubscribeHeaders('https://x.example/a>b')).toThrow();
    expect(() => listUnsubscribeHeaders('https://x.example/a\r\nBcc: y')).toThrow();
  });
});
