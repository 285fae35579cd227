import { ConfigError, applicationRole, loadConfig } from './app-config';

describe('loadConfig', () => {
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
});
