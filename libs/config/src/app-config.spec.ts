import { ConfigError, DEFAULT_MAIL_FROM, applicationRole, childEnvironment, loadConfig as load, localStartEnvironment, mailAddressOf } from './app-config';

const DEVELOPMENT = { NODE_ENV: 'development' };
/** Development unless the test says otherwise. */
const loadConfig = (env: Record<string, string>) => load({ ...DEVELOPMENT, ...env });

describe('loadConfig', () => {
  it('sends no mail without SMTP_URL, and takes an smtp:// or smtps:// server and a sender address', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: null, from: DEFAULT_MAIL_FROM, attempts: 10, backoffMs: 30_000, tenantPerMinute: 120, webBase: 'http://127.0.0.1:3000/' });
    expect(loadConfig({ HEALTH_CHECK_LINK_BASE: 'https://j.example/health-check/start/' }).mail.webBase).toBe('https://j.example/');
    const mail = loadConfig({ SMTP_URL: 'smtps://me:secret@smtp.example.org:465', MAIL_FROM: 'Partnership Office <office@example.org>' }).mail;
    expect(mail).toMatchObject({ smtpUrl: 'smtps://me:secret@smtp.example.org:465', from: 'Partnership Office <office@example.org>' });
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:1025', MAIL_FROM: 'office@example.org' }).mail.from).toBe('office@example.org');
    expect(() => loadConfig({ SMTP_URL: 'http://smtp.example.org' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://' })).toThrow(/SMTP_URL must be/);
    expect(() => loadConfig({ SMTP_URL: 'smtps://me:hunter2@' })).not.toThrow(/hunter2/);
    for (const from of ['JoinedUp', 'a@b@c', 'Office <office@example.org', 'x <a@b>\nBcc: c@d']) {
      expect(() => loadConfig({ MAIL_FROM: from })).toThrow(/MAIL_FROM must be an email address/);
    }
  });

  it('passes the SMTP server it sends through to the processes it starts', () => {
    expect(childEnvironment(loadConfig({}), {}).SMTP_URL).toBeUndefined();
    expect(childEnvironment(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }), {}).SMTP_URL).toBe('smtp://127.0.0.1:2525');
    expect(mailAddressOf('JoinedUp <no-reply@joinedup.localhost>')).toBe('no-reply@joinedup.localhost');
  });

  it('is production when NODE_ENV is unset: no built-in JWT secret, no connection left to a default', () => {
    expect(() => load({})).toThrow(/JWT_SECRET is required in production/);
    expect(() => load({})).toThrow(/NODE_ENV is not set, which means production; for a local run set NODE_ENV=development/);
    const servers = {
      DATABASE_URL: 'postgres://app@db/x',
      DATABASE_MIGRATION_URL: 'postgres://owner@db/x',
      REDIS_URL: 'redis://cache',
    };
    expect(() => load(servers)).toThrow(/JWT_SECRET is required in production/);
    const config = load({ ...servers, JWT_SECRET: 'y'.repeat(32) });
    expect(config).toMatchObject({ nodeEnv: 'production', jwtSecret: 'y'.repeat(32), graphql: { introspection: false } });
  });

  it('runs npm start on a bare machine as development, and says so; as NODE_ENV says otherwise', () => {
    expect(localStartEnvironment({})).toEqual({ env: { NODE_ENV: 'development' }, developmentByDefault: true });
    expect(localStartEnvironment({ NODE_ENV: 'production' }).developmentByDefault).toBe(false);
    const server = { DATABASE_URL: 'postgres://app@db/x' };
    expect(localStartEnvironment(server)).toEqual({ env: server, developmentByDefault: false });
    const config = load(localStartEnvironment({}).env);
    expect(childEnvironment(config, {}).NODE_ENV).toBe('development');
  });

  it('runs on its own in development: embedded PostgreSQL, queues on PostgreSQL', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('');
    expect(config.embeddedDataDir).toMatch(/\.joinedup\/postgres$/);
    expect(config.redisUrl).toBeNull();
  });

  it('uses the servers it is given', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://joinedup_app:secret@db:5432/joinedup',
      REDIS_URL: 'redis://cache:6379',
    });
    expect(config.embeddedDataDir).toBeNull();
    expect(applicationRole(config)).toEqual({ name: 'joinedup_app', password: 'secret' });
    expect(config.databaseMigrationUrl).toBe('postgres://postgres@db:5432/joinedup');
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('refuses to start production without its secrets, naming each variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'REDIS_URL', 'JWT_SECRET']) {
        expect(message).toContain(name);
      }
    }
  });

  it('names a malformed value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });

  it('gives jobs retries with backoff and purges after a retention period, within bounds', () => {
    expect(loadConfig({})).toMatchObject({ jobAttempts: 5, jobBackoffMs: 1000, jobLockMs: 30_000, outboxRetentionDays: 7, refreshTokenRetentionDays: 7 });
    expect(loadConfig({}).governance.scanReconcileMs).toBe(60_000);
    expect(() => loadConfig({ JOB_LOCK_MS: '10' })).toThrow(/JOB_LOCK_MS must be a whole number from 200/);
    expect(loadConfig({ JOB_ATTEMPTS: '1', REFRESH_TOKEN_RETENTION_DAYS: '0' })).toMatchObject({ jobAttempts: 1, refreshTokenRetentionDays: 0 });
    expect(() => loadConfig({ JOB_ATTEMPTS: '0' })).toThrow(/JOB_ATTEMPTS must be a whole number from 1 to 100/);
    expect(() => loadConfig({ JOB_BACKOFF_MS: '-5' })).toThrow(/JOB_BACKOFF_MS must be a whole number/);
    expect(() => loadConfig({ OUTBOX_RETENTION_DAYS: '0' })).toThrow(/OUTBOX_RETENTION_DAYS must be a whole number from 1/);
  });

  it('limits requests, with introspection on by default outside production only', () => {
    expect(loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      requestTimeoutMs: 10_000,
      requestBodyLimitKb: 100,
      heapGrowthPercent: 30,
      graphql: { introspection: true, maxDepth: 10, maxAliases: 30, maxDirectives: 20, maxTokens: 2000, maxCost: 20_000 },
    });
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db/x',
      DATABASE_MIGRATION_URL: 'postgres://owner@db/x',
      REDIS_URL: 'redis://cache',
      JWT_SECRET: 'x'.repeat(32),
      WEBHOOK_SECRET_KEY: 'a'.repeat(64),
    };
    expect(loadConfig(production).graphql.introspection).toBe(false);
    const { WEBHOOK_SECRET_KEY: _key, ...withoutWebhookKey } = production;
    expect(loadConfig(withoutWebhookKey).webhooks.secretKey).toBeNull();
    expect(loadConfig(production).shutdownDrainMs).toBe(10_000);
    expect(loadConfig({}).shutdownDrainMs).toBe(0);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: 'TRUE' }).graphql.introspection).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0', GRAPHQL_MAX_DEPTH: '3' })).toMatchObject({ host: '0.0.0.0', graphql: { maxDepth: 3 } });
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'yes' })).toThrow(/GRAPHQL_INTROSPECTION must be true or false/);
    expect(() => loadConfig({ HOST: 'http://0.0.0.0' })).toThrow(/HOST must be an IP address or host name/);
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '50' })).toThrow(/REQUEST_TIMEOUT_MS must be a whole number from 100 to 120000/);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: '1000' })).toThrow(/HEAP_GROWTH_PERCENT must be a whole number from 0 to 300/);
    expect(() => loadConfig({ GRAPHQL_MAX_COST: '0' })).toThrow(/GRAPHQL_MAX_COST must be a whole number/);
  });

  it('reads the key of the webhook secrets: 32 bytes in hex or base64, a development-only one outside production', () => {
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ WEBHOOK_SECRET_KEY: base64 }).webhooks.secretKey).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({ WEBHOOK_SECRET_KEY: '0f'.repeat(32) }).webhooks.secretKey).toEqual(Buffer.alloc(32, 15));
    expect(loadConfig({ NODE_ENV: 'test' }).webhooks.secretKey).toHaveLength(32);
    for (const bad of ['short', 'ab'.repeat(31), Buffer.alloc(16).toString('base64'), Buffer.alloc(48, 255).toString('base64')]) {
      expect(() => loadConfig({ WEBHOOK_SECRET_KEY: bad })).toThrow(/WEBHOOK_SECRET_KEY must be 32 random bytes/);
    }
    // Production without a key runs with webhooks switched off (no built-in key there).
    expect(() => loadConfig({ NODE_ENV: 'production' })).not.toThrow(/WEBHOOK_SECRET_KEY/);
  });
});
