import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: AES-256-GCM under WEBHOOK_SECRET_KEY, so a copy of the
 * database (a backup, a replica, a superuser's select) does not give anyone the power to
 * sign deliveries. The endpoint's tenant and id are authenticated with it, so a sealed
 * secret moved to another row does not open. Stored as one bytea:
 * version (1) | nonce (12) | tag (16) | ciphertext. Pure, with no imports of ours: the
 * migration that encrypted the secrets stored before uses it too.
 */
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

export interface SecretOwner {
  tenantId: string;
  endpointId: string;
}

/** A secret that cannot be opened with this key and for this endpoint (another key, another row, altered bytes). */
export class WebhookSecretUnreadable extends Error {
  constructor() {
    super('The signing secret of this endpoint cannot be read with the current WEBHOOK_SECRET_KEY.');
    this.name = 'WebhookSecretUnreadable';
  }
}

export function sealWebhookSecret(key: Buffer, secret: string, owner: SecretOwner): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(owner));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, cipher.getAuthTag(), ciphertext]);
}

export function openWebhookSecret(key: Buffer, sealed: Buffer, owner: SecretOwner): string {
  if (sealed.length <= HEADER_BYTES || sealed[0] !== VERSION) throw new WebhookSecretUnreadable();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + NONCE_BYTES));
    decipher.setAAD(associatedData(owner));
    decipher.setAuthTag(sealed.subarray(1 + NONCE_BYTES, HEADER_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new WebhookSecretUnreadable();
  }
}

function associatedData({ tenantId, endpointId }: SecretOwner): Buffer {
  return Buffer.from(`webhook_endpoint:${tenantId.toLowerCase()}:${endpointId.toLowerCase()}`, 'utf8');
}
