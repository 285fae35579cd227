import { DataSource } from 'typeorm';
import { assertPasswordPolicy, createTenant, hashPassword } from '@joinedup/auth';
import { openTenantTransaction } from '@joinedup/database';
import { AppError } from '@joinedup/errors';
import { DemoLoader } from './demo-loader';
import { DemoUserSummary } from './demo-users.loader';

export const DEFAULT_DEMO_TENANT = 'demo';
export const DEFAULT_DEMO_TENANT_NAME = 'North East Partnerships';

export interface SeedDemoOptions {
  /** Slug of the tenant to load into; created (with `admin@<slug>.demo`) when missing. */
  tenant?: string;
  /** Password of the demo users made by this run (at least 12 characters, hard to guess). */
  password: string;
  /** Name of the tenant when it is created. */
  name?: string;
  /** The moment demo dates are counted from; now by default. */
  now?: Date;
}

export interface SeedDemoResult {
  tenantId: string;
  tenantSlug: string;
  tenantCreated: boolean;
  /** The demo users of the tenant (they sign in with the password given when each was made). */
  users: DemoUserSummary[];
  /** Rows this run inserted, by table; empty when everything was there already. */
  added: Record<string, number>;
}

/**
 * Loads the demo partnership (north-east England) into a tenant, creating the tenant when
 * it is missing. Runs as the owner role; everything inside the tenant is written in one
 * transaction under its row-level-security scope, so a failed run leaves nothing behind,
 * and a re-run only adds what is missing.
 */
export async function seedDemo(owner: DataSource, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const slug = (options.tenant ?? DEFAULT_DEMO_TENANT).trim().toLowerCase();
  await assertPasswordPolicy(options.password, [slug, options.name], 'password', 'the demo password');
  const { tenantId, created } = await ensureTenant(owner, slug, options);

  let hash: Promise<string> | undefined;
  const passwordHash = () => (hash ??= hashPassword(options.password));
  const transaction = await openTenantTransaction(owner, { tenantId });
  try {
    const loader = new DemoLoader(transaction.manager, tenantId, options.now ?? new Date(), passwordHash);
    const users = await loader.load(slug);
    await transaction.finish(true);
    return { tenantId, tenantSlug: slug, tenantCreated: created, users, added: loader.added };
  } catch (error) {
    await transaction.finish(false);
    throw error;
  }
}

async function ensureTenant(owner: DataSource, slug: string, options: SeedDemoOptions): Promise<{ tenantId: string; created: boolean }> {
  const existing = await tenantIdOf(owner, slug);
  if (existing) return { tenantId: existing, created: false };
  try {
    const { tenantId } = await createTenant(owner, {
      slug,
      name: options.name?.trim() || DEFAULT_DEMO_TENANT_NAME,
      adminEmail: `admin@${slug}.demo`,
      adminPassword: options.password,
      adminName: 'Demo administrator',
    });
    return { tenantId, created: true };
  } catch (error) {
    // Another run created the tenant in the meantime: load into that one.
    const raced = error instanceof AppError && error.code === 'CONFLICT' ? await tenantIdOf(owner, slug) : null;
    if (raced) return { tenantId: raced, created: false };
    throw error;
  }
}

/** The same lookup sign-in uses, so it works whether or not the owner bypasses row-level security. */
async function tenantIdOf(owner: DataSource, slug: string): Promise<string | null> {
  const [row] = (await owner.query(`select tenant_id_for_slug($1) as id`, [slug])) as { id: string | null }[];
  return row?.id ?? null;
}
