import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { loadConfig } from '@joinedup/config';
import { openDataSource, runMigrations } from '@joinedup/database';
import { openWebhookSecret } from '@joinedup/governance';
import { allMigrations } from '@joinedup/migrations';
import { WebhookSecretEncryption1765020000000 } from '../../migrations/1765020000000-webhook-secret-encryption';
import { PrivateDatabase, privateDatabase } from '../support/private-database';

/**
 * The migration that encrypts the webhook secrets stored before it: reverted, it gives
 * every secret back in plain text; applied to plain rows, it seals each one under
 * WEBHOOK_SECRET_KEY, bound to its tenant and endpoint, and leaves no plain column.
 */
describe('migration: webhook secrets encrypted at rest', () => {
  const key = loadConfig().webhooks.secretKey!;
  const migration = new WebhookSecretEncryption1765020000000();
  let database: PrivateDatabase;
  let source: DataSource;
  let runner: QueryRunner;

  const inTransaction = async (work: () => Promise<void>) => {
    await runner.startTransaction();
    try {
      await work();
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  };
  const columns = async () =>
    (
      await runner.query(`select column_name from information_schema.columns where table_name = 'webhook_endpoint' and column_name like 'secret%'`)
    ).map((c: { column_name: string }) => c.column_name);

  beforeAll(async () => {
    database = await privateDatabase('webhook_secrets');
    source = await openDataSource({ url: database.env.DATABASE_MIGRATION_URL, applicationName: 'joinedup-test', poolSize: 1 });
    runner = source.createQueryRunner();
  });
  afterAll(async () => {
    await runner?.release();
    await source?.destroy();
    await database?.drop();
  });

  it('reverts to plain secrets and encrypts the plain ones again', async () => {
    const [tenant] = await runner.query(`insert into tenant (slug, name) values ($1, 'Secrets') returning id`, [`secrets-${randomUUID().slice(0, 8)}`]);
    await runner.query(`select set_config('joinedup.webhook_secret_key', $1, false)`, [key.toString('base64')]);
    await inTransaction(() => migration.down(runner));
    expect(await columns()).toEqual(['secret']);

    // Endpoints as they were stored before the migration.
    const plain = [randomBytes(32).toString('base64url'), randomBytes(32).toString('base64url')];
    const ids: string[] = [];
    for (const secret of plain) {
      const [row] = await runner.query(
        `insert into webhook_endpoint (tenant_id, url, secret, events) values ($1, 'https://example.org/hook', $2, '{flag.raised}') returning id`,
        [tenant.id, secret],
      );
      ids.push(row.id);
    }

    // Without the key it refuses, and changes nothing.
    await runner.query(`select set_config('joinedup.webhook_secret_key', '', false)`);
    await expect(inTransaction(() => migration.up(runner))).rejects.toThrow('WEBHOOK_SECRET_KEY is needed');
    expect(await columns()).toEqual(['secret']);

    await runner.query(`select set_config('joinedup.webhook_secret_key', $1, false)`, [key.toString('base64')]);
    await inTransaction(() => migration.up(runner));
    expect(await columns()).toEqual(['secret_sealed']);
    const rows: { id: string; secret_sealed: Buffer; whole: string }[] = await runner.query(
      `select id, secret_sealed, to_jsonb(w)::text as whole from webhook_endpoint w where tenant_id = $1`,
      [tenant.id],
    );
    for (const [i, id] of ids.entries()) {
      const row = rows.find((r) => r.id === id)!;
      expect(row.whole).not.toContain(plain[i]);
      expect(openWebhookSecret(key, row.secret_sealed, { tenantId: tenant.id, endpointId: id })).toBe(plain[i]);
    }
    // Row-level security is forced on the owner again.
    const [table] = await runner.query(`select relforcerowsecurity from pg_class where relname = 'webhook_endpoint'`);
    expect(table.relforcerowsecurity).toBe(true);

    // And back: the same secrets in plain text.
    await inTransaction(() => migration.down(runner));
    const reverted = await runner.query(`select id, secret from webhook_endpoint where tenant_id = $1`, [tenant.id]);
    expect(ids.map((id) => reverted.find((r: { id: string }) => r.id === id).secret)).toEqual(plain);

    // As deployments run it: the migration runner hands over the configured key.
    await runner.query(`delete from schema_migration where name = $1`, [migration.name]);
    const config = loadConfig({ ...process.env, ...database.env });
    expect(await runMigrations(config, allMigrations)).toEqual([migration.name]);
    const sealed = await runner.query(`select id, secret_sealed from webhook_endpoint where tenant_id = $1`, [tenant.id]);
    expect(ids.map((id) => openWebhookSecret(key, sealed.find((r: { id: string }) => r.id === id).secret_sealed, { tenantId: tenant.id, endpointId: id }))).toEqual(
      plain,
    );
  });
});
