import { MigrationInterface, QueryRunner } from 'typeorm';
import { openWebhookSecret, sealWebhookSecret } from '../libs/governance/src/webhooks/webhook-secret-box';

/** The sealed form: version 1, 12-byte nonce, 16-byte tag, then a secret of 32 to 200 bytes. */
const SEALED_CHECK = `get_byte(secret_sealed, 0) = 1 and octet_length(secret_sealed) between 29 + 32 and 29 + 200`;

interface Row {
  tenant_id: string;
  id: string;
}

/**
 * Webhook signing secrets encrypted at rest (AES-256-GCM under WEBHOOK_SECRET_KEY, see
 * webhook-secret-box): `secret` (plain text) becomes `secret_sealed`, and the secrets
 * already stored are encrypted here, with the key the migration runner hands over in the
 * session setting `joinedup.webhook_secret_key` (base64). Reverting decrypts them back.
 */
export class WebhookSecretEncryption1765020000000 implements MigrationInterface {
  name = 'WebhookSecretEncryption1765020000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table webhook_endpoint add column secret_sealed bytea`);
    await everyRow(runner, async (key, row: Row & { secret: string }) => {
      const sealed = sealWebhookSecret(key, row.secret, { tenantId: row.tenant_id, endpointId: row.id });
      await runner.query(`update webhook_endpoint set secret_sealed = $3 where tenant_id = $1 and id = $2`, [row.tenant_id, row.id, sealed]);
    }, 'secret');
    await runner.query(`alter table webhook_endpoint alter column secret_sealed set not null`);
    await runner.query(`alter table webhook_endpoint add constraint webhook_endpoint_secret_sealed check (${SEALED_CHECK})`);
    await runner.query(`alter table webhook_endpoint drop column secret`);
    await runner.query(
      `comment on column webhook_endpoint.secret_sealed is 'The HMAC key, encrypted with WEBHOOK_SECRET_KEY (AES-256-GCM, bound to tenant and endpoint)'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`alter table webhook_endpoint add column secret text`);
    await everyRow(runner, async (key, row: Row & { secret_sealed: Buffer }) => {
      const secret = openWebhookSecret(key, row.secret_sealed, { tenantId: row.tenant_id, endpointId: row.id });
      await runner.query(`update webhook_endpoint set secret = $3 where tenant_id = $1 and id = $2`, [row.tenant_id, row.id, secret]);
    }, 'secret_sealed');
    await runner.query(`alter table webhook_endpoint alter column secret set not null`);
    await runner.query(`alter table webhook_endpoint add constraint webhook_endpoint_secret_check check (length(secret) between 32 and 200)`);
    await runner.query(`alter table webhook_endpoint drop column secret_sealed`);
  }
}

/**
 * Runs `each` for every endpoint of every tenant. The table forces row-level security on
 * its owner too, so it is lifted for this transaction only (the migration commits or
 * rolls back as a whole, with it restored).
 */
async function everyRow<T extends Row>(runner: QueryRunner, each: (key: Buffer, row: T) => Promise<void>, column: string): Promise<void> {
  await runner.query(`alter table webhook_endpoint no force row level security`);
  const rows: T[] = await runner.query(`select tenant_id, id, ${column} from webhook_endpoint order by tenant_id, id`);
  if (rows.length) {
    const [{ key }] = await runner.query(`select current_setting('joinedup.webhook_secret_key', true) as key`);
    const bytes = Buffer.from(key ?? '', 'base64');
    if (bytes.length !== 32) throw new Error('WEBHOOK_SECRET_KEY is needed to migrate the stored webhook secrets; run the migration with it set.');
    for (const row of rows) await each(bytes, row);
  }
  await runner.query(`alter table webhook_endpoint force row level security`);
}
