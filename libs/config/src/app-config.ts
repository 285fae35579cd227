import { resolve } from 'node:path';

/** Validated settings shared by the api, the worker and the command-line tools. */
export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  logLevel: LogLevel;
  /**
   * Connection of the application role: not superuser, no BYPASSRLS, owns no table.
   * Empty while an embedded PostgreSQL is still to be started (see `embeddedDataDir`).
   */
  databaseUrl: string;
  /** Connection of the owner role that runs migrations and creates tenants. */
  databaseMigrationUrl: string;
  /**
   * Without DATABASE_URL (outside production) JoinedUp runs a PostgreSQL of its own
   * with its data in this folder; null when a server is given.
   */
  embeddedDataDir: string | null;
  /** Redis for the job queues; null runs them on PostgreSQL instead (no REDIS_URL). */
  redisUrl: string | null;
  /** Prefix of every BullMQ key; the braces make it a Redis Cluster hash tag. */
  queuePrefix: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';

const POSTGRES = ['postgres:', 'postgresql:'];
const NODE_ENVS: NodeEnv[] = ['development', 'test', 'production'];
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Reads and validates the environment. Outside production, a missing DATABASE_URL means
 * an embedded PostgreSQL and a missing REDIS_URL means queues on PostgreSQL, so that a
 * bare machine runs JoinedUp; in production every connection must be given.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'development', problems);
  const production = nodeEnv === 'production';
  const given = (name: string): string | undefined => {
    const value = env[name]?.trim();
    if (!value && production) problems.push(`${name} is required in production`);
    return value || undefined;
  };

  const givenDatabaseUrl = given('DATABASE_URL');
  const databaseUrl = givenDatabaseUrl ? url(givenDatabaseUrl, 'DATABASE_URL', POSTGRES, problems) : '';
  const givenMigrationUrl = given('DATABASE_MIGRATION_URL');
  const databaseMigrationUrl = givenMigrationUrl
    ? url(givenMigrationUrl, 'DATABASE_MIGRATION_URL', POSTGRES, problems)
    : databaseUrl && migrationUrlFor(databaseUrl);
  const givenRedisUrl = given('REDIS_URL');
  const redisUrl = givenRedisUrl ? url(givenRedisUrl, 'REDIS_URL', ['redis:', 'rediss:'], problems) : null;
  const jwtSecret = given('JWT_SECRET') ?? DEV_JWT_SECRET;
  if (jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');

  const config: AppConfig = {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 1, 65535, problems),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info', problems),
    databaseUrl,
    databaseMigrationUrl,
    embeddedDataDir: databaseUrl ? null : resolve(env.JOINEDUP_DATA_DIR?.trim() || '.joinedup/postgres'),
    redisUrl,
    queuePrefix: env.QUEUE_PREFIX?.trim() || '{joinedup}',
    jwtSecret,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 3600, problems),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 300, 365 * 24 * 3600, problems),
  };
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

/** The name of the login role the application connects as (the user of DATABASE_URL). */
export function applicationRole(config: Pick<AppConfig, 'databaseUrl'>): { name: string; password: string } {
  const parsed = new URL(config.databaseUrl);
  return { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/** The database name of a PostgreSQL URL. */
export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
}

/** Local development: the owner is the `postgres` superuser on the same database. */
function migrationUrlFor(databaseUrl: string): string {
  const parsed = new URL(databaseUrl);
  parsed.username = 'postgres';
  parsed.password = '';
  return parsed.toString();
}

function url(value: string, name: string, protocols: string[], problems: string[]): string {
  try {
    const parsed = new URL(value);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
  } catch {
    problems.push(`${name} is not a valid URL`);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!allowed.includes(raw as T)) {
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
  return raw as T;
}

/**
 * The environment for a child process (api, worker) that should run with this
 * configuration: the caller's environment, pointed at the database in use.
 */
export function childEnvironment(config: AppConfig, env: Env = process.env): Env {
  return { ...env, DATABASE_URL: config.databaseUrl, DATABASE_MIGRATION_URL: config.databaseMigrationUrl };
}
