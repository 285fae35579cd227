import { resolve } from 'node:path';

/** Validated settings shared by the api, the worker and the command-line tools. */
export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  /** Interface the api listens on: 127.0.0.1 (this machine only) by default, 0.0.0.0 in containers. */
  host: string;
  /** The longest a request may take: receiving it (Node's HTTP server), and its database work. */
  requestTimeoutMs: number;
  /** Largest accepted request body; a bigger one is refused before it is parsed. */
  requestBodyLimitKb: number;
  /**
   * On SIGTERM the api fails readiness and keeps serving this long (for load balancers to
   * take it out) before it stops listening and finishes the requests in flight.
   */
  shutdownDrainMs: number;
  /**
   * How far past what is live the api's heap may grow before V8 collects it, in percent
   * (V8's own choice when 0, up to 4x on a machine with plenty of memory).
   */
  heapGrowthPercent: number;
  graphql: GraphQLLimits;
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
  /** Tries of a queued job before it stays in the failed set. */
  jobAttempts: number;
  /** First retry delay of a failed job; it doubles with each further try. */
  jobBackoffMs: number;
  /**
   * How long a worker's hold on a running job lasts without renewal: a job whose worker
   * died is taken up again (as a further try) this long after, at the latest twice that.
   */
  jobLockMs: number;
  /** Days a dispatched outbox event is kept before the worker purges it. */
  outboxRetentionDays: number;
  /** Days a refresh token is kept after it expired or its session was ended. */
  refreshTokenRetentionDays: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** A refresh token presented again this soon after its first use returns the same new pair (two tabs). */
  refreshReuseGraceSeconds: number;
  /**
   * Express's `trust proxy`: which proxies may tell the client's address (X-Forwarded-For),
   * as a hop count, a list of addresses or subnets (e.g. `loopback`), or true for all; false trusts none.
   */
  trustProxy: boolean | number | string;
  signIn: SignInLimits;
  webhooks: WebhookSettings;
  governance: GovernanceSettings;
  healthCheck: HealthCheckSettings;
  mail: MailSettings;
  boardPack: BoardPackSettings;
}

/** Printing the board pack PDF with headless Chromium in the api process. */
export interface BoardPackSettings {
  /** A Chromium to print with (CHROMIUM_PATH); else a `chromium` on PATH, else the npm package's. */
  chromiumPath: string | null;
  /** Packs printed at once by one process; more wait for a free slot. */
  concurrency: number;
  /** How long a request waits for a free slot before it is answered 503. */
  waitMs: number;
  /** How long one print may take before it is abandoned (503). */
  timeoutMs: number;
}

/** Outgoing email (health-check invitations and reminders). */
export interface MailSettings {
  /**
   * The SMTP server mail goes through (smtp:// or smtps://, user and password in the URL);
   * null switches sending off: invitation links are then returned to the coordinator.
   */
  smtpUrl: string | null;
  /** The sender of every message, `Name <address>` or a bare address. */
  from: string;
  /** Tries of a message job before its messages are recorded as failed. */
  attempts: number;
  /** First retry delay of a message job; it doubles with each further try. */
  backoffMs: number;
  /** Messages one tenant may send per minute, across every worker; more wait for a later minute. */
  tenantPerMinute: number;
  /** Where links in messages point: the web pages' origin (unsubscribe, localities, flags). */
  webBase: string;
}

/** The partnership health check's response links and the throttle of its public mutations. */
export interface HealthCheckSettings {
  /**
   * Prefix of every response link; the token is appended. The web pages answer
   * `/health-check/start/<token>` by moving the token into an httpOnly cookie and
   * redirecting to a URL without it.
   */
  linkBase: string;
  /** Tries from one client address, with any link or edit code, within `addressWindowMinutes`. */
  addressLimit: number;
  addressWindowMinutes: number;
}

/** When the governance engine scans. */
export interface GovernanceSettings {
  /** Cron pattern (five fields, UTC) of each tenant's full scan. */
  scanCron: string;
  /** Changes to a locality's records within this window cause one rescan, at its end. */
  rescanDebounceMs: number;
  /** Scans one worker runs at once. */
  scanConcurrency: number;
  /** Health snapshots older than this keep only the last of each day per programme and locality. */
  snapshotDetailDays: number;
  /** Finished scans older than this are purged (once no kept snapshot refers to them). */
  scanRetentionDays: number;
  /**
   * How often the worker checks unfinished scans against their jobs, and how old a
   * scan must be before it is checked: a scan whose job is gone or failed ends FAILED.
   */
  scanReconcileMs: number;
}

/** How governance events are delivered to the webhook endpoints tenants register. */
export interface WebhookSettings {
  /**
   * Accept endpoints on loopback, private, link-local and metadata addresses (and plain
   * http). Off in production: a tenant could otherwise make the worker call internal services.
   */
  allowPrivateAddresses: boolean;
  /** The longest one delivery may take, from connecting to the receiver's answer. */
  timeoutMs: number;
  /** Tries of a delivery before it is marked FAILED. */
  attempts: number;
  /** Wait before a failed delivery's first retry; it doubles with each further try. */
  backoffMs: number;
  /** Delivered and failed deliveries older than this are purged from the log. */
  deliveryRetentionDays: number;
  /**
   * AES-256 key (32 bytes) the endpoints' signing secrets are encrypted with at rest; null
   * in production without WEBHOOK_SECRET_KEY: webhooks are then switched off (registering
   * one is refused, deliveries fail), everything else runs.
   */
  secretKey: Buffer | null;
}

/** How sign-in resists guessing and floods. */
export interface SignInLimits {
  /** Failed sign-ins to one account before each further try must wait. */
  freeAttempts: number;
  /** The longest wait between tries of one account (it doubles from 1 s up to this). */
  maxDelaySeconds: number;
  /** Failed sign-ins from one client address, to any account, within `windowMinutes`. */
  addressLimit: number;
  /** How long failures are remembered. */
  windowMinutes: number;
  /** Password hashes computed at once; others wait in line. */
  hashConcurrency: number;
  /** Sign-ins that may wait in that line; more are refused at once. */
  hashQueueLimit: number;
}

/** What a GraphQL request may ask for: checked before anything runs (see docs/graphql.md, Request limits). */
export interface GraphQLLimits {
  /** Schema introspection; when off, field suggestions ("Did you mean …") are hidden too. */
  introspection: boolean;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Budget of the estimated number of values a query returns (lists count by `first`). */
  maxCost: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Only where development was asked for (NODE_ENV=development or test), never by default. */
const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';
/** 32 bytes, base64: for development and tests only (production without WEBHOOK_SECRET_KEY has webhooks switched off). */
const DEV_WEBHOOK_SECRET_KEY = 'ZGV2ZWxvcG1lbnQtb25seS13ZWJob29rLWtleS0wMDE=';

const POSTGRES = ['postgres:', 'postgresql:'];
export const DEFAULT_MAIL_FROM = 'JoinedUp <no-reply@joinedup.localhost>';
const NODE_ENVS: NodeEnv[] = ['development', 'test', 'production'];
const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * Reads and validates the environment. NODE_ENV unset is production: its secrets must be
 * given and errors show no stack traces; development must be asked for. Outside
 * production, a missing DATABASE_URL means an embedded PostgreSQL and a missing REDIS_URL
 * means queues on PostgreSQL, so that a bare machine runs JoinedUp; in production every
 * connection must be given.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(env, 'NODE_ENV', NODE_ENVS, 'production', problems);
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
  const rawWebhookKey = env.WEBHOOK_SECRET_KEY?.trim() || (production ? undefined : DEV_WEBHOOK_SECRET_KEY);
  const webhookSecretKey = rawWebhookKey ? aesKey(rawWebhookKey, 'WEBHOOK_SECRET_KEY', problems) : null;

  const config: AppConfig = {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 1, 65535, problems),
    host: host(env, 'HOST', '127.0.0.1', problems),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 10_000, 100, 120_000, problems),
    requestBodyLimitKb: integer(env, 'REQUEST_BODY_LIMIT_KB', 100, 1, 10_240, problems),
    // Outside production no load balancer routes here: stop at once.
    shutdownDrainMs: integer(env, 'SHUTDOWN_DRAIN_MS', production ? 10_000 : 0, 0, 120_000, problems),
    heapGrowthPercent: integer(env, 'HEAP_GROWTH_PERCENT', 30, 0, 300, problems),
    graphql: {
      introspection: flag(env, 'GRAPHQL_INTROSPECTION', !production, problems),
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 100, problems),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 30, 0, 1000, problems),
      maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', 20, 0, 1000, problems),
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 2000, 100, 100_000, problems),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', 20_000, 10, 10_000_000, problems),
    },
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'warn' : 'info', problems),
    databaseUrl,
    databaseMigrationUrl,
    embeddedDataDir: databaseUrl ? null : resolve(env.JOINEDUP_DATA_DIR?.trim() || '.joinedup/postgres'),
    redisUrl,
    queuePrefix: env.QUEUE_PREFIX?.trim() || '{joinedup}',
    jobAttempts: integer(env, 'JOB_ATTEMPTS', 5, 1, 100, problems),
    jobBackoffMs: integer(env, 'JOB_BACKOFF_MS', 1000, 1, 3_600_000, problems),
    jobLockMs: integer(env, 'JOB_LOCK_MS', 30_000, 200, 600_000, problems),
    outboxRetentionDays: integer(env, 'OUTBOX_RETENTION_DAYS', 7, 1, 3650, problems),
    refreshTokenRetentionDays: integer(env, 'REFRESH_TOKEN_RETENTION_DAYS', 7, 0, 3650, problems),
    jwtSecret,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 3600, problems),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600, 300, 365 * 24 * 3600, problems),
    refreshReuseGraceSeconds: integer(env, 'REFRESH_REUSE_GRACE_SECONDS', 30, 0, 300, problems),
    trustProxy: trustProxy(env.TRUST_PROXY),
    signIn: {
      freeAttempts: integer(env, 'SIGN_IN_FREE_ATTEMPTS', 5, 1, 100, problems),
      maxDelaySeconds: integer(env, 'SIGN_IN_MAX_DELAY_SECONDS', 60, 1, 3600, problems),
      addressLimit: integer(env, 'SIGN_IN_ADDRESS_LIMIT', 50, 1, 100_000, problems),
      windowMinutes: integer(env, 'SIGN_IN_WINDOW_MINUTES', 15, 1, 24 * 60, problems),
      hashConcurrency: integer(env, 'PASSWORD_HASH_CONCURRENCY', 2, 1, 64, problems),
      hashQueueLimit: integer(env, 'PASSWORD_HASH_QUEUE_LIMIT', 100, 0, 10_000, problems),
    },
    webhooks: {
      allowPrivateAddresses: flag(env, 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES', false, problems),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000, problems),
      attempts: integer(env, 'WEBHOOK_ATTEMPTS', 8, 1, 50, problems),
      backoffMs: integer(env, 'WEBHOOK_BACKOFF_MS', 10_000, 1, 3_600_000, problems),
      deliveryRetentionDays: integer(env, 'WEBHOOK_DELIVERY_RETENTION_DAYS', 30, 1, 3650, problems),
      secretKey: webhookSecretKey,
    },
    governance: {
      scanCron: cron(env, 'GOVERNANCE_SCAN_CRON', '0 3 * * *', problems),
      rescanDebounceMs: integer(env, 'GOVERNANCE_RESCAN_DEBOUNCE_MS', 5000, 0, 3_600_000, problems),
      scanConcurrency: integer(env, 'GOVERNANCE_SCAN_CONCURRENCY', 2, 1, 32, problems),
      snapshotDetailDays: integer(env, 'HEALTH_SNAPSHOT_DETAIL_DAYS', 30, 1, 3650, problems),
      scanRetentionDays: integer(env, 'GOVERNANCE_SCAN_RETENTION_DAYS', 90, 1, 3650, problems),
      scanReconcileMs: integer(env, 'GOVERNANCE_SCAN_RECONCILE_MS', 60_000, 100, 3_600_000, problems),
    },
    healthCheck: {
      linkBase: linkBase(env, 'HEALTH_CHECK_LINK_BASE', 'http://127.0.0.1:3000/health-check/start/', problems),
      addressLimit: integer(env, 'HEALTH_CHECK_ADDRESS_LIMIT', 60, 1, 100_000, problems),
      addressWindowMinutes: integer(env, 'HEALTH_CHECK_ADDRESS_WINDOW_MINUTES', 15, 1, 24 * 60, problems),
    },
    mail: {
      smtpUrl: env.SMTP_URL?.trim() ? smtpUrl(env.SMTP_URL.trim(), problems) : null,
      from: mailFrom(env, 'MAIL_FROM', DEFAULT_MAIL_FROM, problems),
      // 10 tries from 30 s: an SMTP server down for up to about 8 hours loses nothing.
      attempts: integer(env, 'MAIL_ATTEMPTS', 10, 1, 50, problems),
      backoffMs: integer(env, 'MAIL_BACKOFF_MS', 30_000, 1, 3_600_000, problems),
      tenantPerMinute: integer(env, 'MAIL_TENANT_PER_MINUTE', 120, 1, 100_000, problems),
      webBase: '',
    },
    boardPack: {
      chromiumPath: env.CHROMIUM_PATH?.trim() || null,
      concurrency: integer(env, 'BOARD_PACK_CONCURRENCY', 2, 1, 16, problems),
      waitMs: integer(env, 'BOARD_PACK_WAIT_MS', 5000, 0, 60_000, problems),
      timeoutMs: integer(env, 'BOARD_PACK_TIMEOUT_MS', 20_000, 1000, 120_000, problems),
    },
  };
  // The health-check links' origin unless told otherwise: both are the web pages.
  config.mail.webBase = linkBase(env, 'MAIL_WEB_BASE', `${new URL(config.healthCheck.linkBase).origin}/`, problems);
  if (problems.length && production && !env.NODE_ENV?.trim()) {
    problems.push('NODE_ENV is not set, which means production; for a local run set NODE_ENV=development (or use npm start)');
  }
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

/** An SMTP server's URL: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), with a host. */
function smtpUrl(value: string, problems: string[]): string {
  try {
    const parsed = new URL(value);
    if (['smtp:', 'smtps:'].includes(parsed.protocol) && parsed.hostname) return value;
  } catch {
    // reported below
  }
  problems.push('SMTP_URL must be an smtp:// or smtps:// URL with a host, e.g. smtps://user:password@smtp.example.org:465 (its password is never printed)');
  return value;
}

/** A sender: `Display Name <local@domain>` or `local@domain`, on one line. */
function mailFrom(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!mailAddressOf(raw)) {
    problems.push(`${name} must be an email address, optionally with a name: JoinedUp <no-reply@joinedup.example> (got "${raw}")`);
    return fallback;
  }
  return raw;
}

/** The address of `Name <address>` or of a bare address; undefined when it is not one. */
export function mailAddressOf(sender: string): string | undefined {
  const match = /^(?:[^<>\r\n"]*<([^<>\s]+)>|([^<>\s]+))$/.exec(sender.trim());
  const address = match?.[1] ?? match?.[2];
  return address && /^[^@\s]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(address) ? address : undefined;
}

/** A 256-bit key written as 64 hexadecimal digits or as base64 (e.g. `openssl rand -base64 32`). */
function aesKey(raw: string, name: string, problems: string[]): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(raw) ? Buffer.from(raw, 'base64') : undefined;
  if (key?.length === 32) return key;
  problems.push(`${name} must be 32 random bytes, as 64 hexadecimal digits or in base64 (e.g. openssl rand -base64 32)`);
  return Buffer.alloc(32);
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

/** A five-field cron pattern (minute hour day-of-month month day-of-week), as BullMQ's schedulers read it. */
function cron(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const fields = raw.split(/\s+/);
  if (fields.length !== 5 || !fields.every((field) => /^[\d*/,\-A-Za-z?]+$/.test(field))) {
    problems.push(`${name} must be a cron pattern of five fields, e.g. "0 3 * * *" (got "${raw}")`);
    return fallback;
  }
  return raw;
}

function flag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw !== 'true' && raw !== 'false') {
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  }
  return raw === 'true';
}

/** TRUST_PROXY as Express reads it: `true`/`false`, a hop count, or addresses and subnet names. */
function trustProxy(raw: string | undefined): boolean | number | string {
  const value = raw?.trim() ?? '';
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** An http(s) URL prefix that a token is appended to. */
function linkBase(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  try {
    if (['http:', 'https:'].includes(new URL(raw).protocol)) return raw;
  } catch {
    // reported below
  }
  problems.push(`${name} must be an http or https URL the token is appended to, e.g. https://joinedup.example/health-check/start/ (got "${raw}")`);
  return fallback;
}

/** An IP address or host name to listen on. */
function host(env: Env, name: string, fallback: string, problems: string[]): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^[A-Za-z0-9.:-]+$/.test(raw)) {
    problems.push(`${name} must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0 (got "${raw}")`);
    return fallback;
  }
  return raw;
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
 * The environment of `npm start` on a laptop: without NODE_ENV and without DATABASE_URL
 * (the embedded PostgreSQL, a local demo) it runs as development, which it says it does;
 * given a database server it runs as NODE_ENV says, production when unset.
 */
export function localStartEnvironment(env: Env = process.env): { env: Env; developmentByDefault: boolean } {
  const developmentByDefault = !env.NODE_ENV?.trim() && !env.DATABASE_URL?.trim();
  return { env: developmentByDefault ? { ...env, NODE_ENV: 'development' } : env, developmentByDefault };
}

/**
 * The environment for a child process (api, worker) that should run with this
 * configuration: the caller's environment, pointed at the database in use, in the same mode.
 */
export function childEnvironment(config: AppConfig, env: Env = process.env): Env {
  return {
    ...env,
    NODE_ENV: config.nodeEnv,
    DATABASE_URL: config.databaseUrl,
    DATABASE_MIGRATION_URL: config.databaseMigrationUrl,
    ...(config.mail.smtpUrl ? { SMTP_URL: config.mail.smtpUrl } : {}),
  };
}
