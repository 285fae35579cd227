import { randomBytes, randomUUID } from 'node:crypto';
import { WebhookSecretUnreadable, openWebhookSecret, sealWebhookSecret } from './webhook-secret-box';

describe('webhook secret box', () => {
  const key = randomBytes(32);
  const owner = { tenantId: randomUUID(), endpointId: randomUUID() };
  const secret = randomBytes(32).toString('base64url');

  it('seals a secret so that it opens with the same key and owner only, and never shows it', () => {
    const sealed = sealWebhookSecret(key, secret, owner);
    expect(openWebhookSecret(key, sealed, owner)).toBe(secret);
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + 16 + secret.length);
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    // A fresh nonce each time.
    expect(sealWebhookSecret(key, secret, owner).equals(sealed)).toBe(false);
  });

  it('refuses another key, another endpoint or tenant, and altered bytes', () => {
    const sealed = sealWebhookSecret(key, secret, owner);
    expect(() => openWebhookSecret(randomBytes(32), sealed, owner)).toThrow(WebhookSecretUnreadable);
    expect(() => openWebhookSecret(key, sealed, { ...owner, endpointId: randomUUID() })).toThrow(WebhookSecretUnreadable);
    expect(() => openWebhookSecret(key, sealed, { ...owner, tenantId: randomUUID() })).toThrow(WebhookSecretUnreadable);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => openWebhookSecret(key, altered, owner)).toThrow(WebhookSecretUnreadable);
    expect(() => openWebhookSecret(key, Buffer.from(secret), owner)).toThrow(WebhookSecretUnreadable);
  });
});
