import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { badInput, conflict } from '@joinedup/errors';
import { isUniqueViolation, openTenantTransaction } from '@joinedup/database';
import { hashPassword } from './password-hasher';
import { assertPasswordPolicy } from './password-policy';
import { Role } from '@joinedup/access';

export interface NewTenant {
  slug: string;
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Creates a tenant and its first administrator. Runs as the owner role (tenants are not
 * created through the API); the administrator is written under the new tenant's scope.
 */
export async function createTenant(owner: DataSource, tenant: NewTenant): Promise<{ tenantId: string; adminId: string }> {
  if (!SLUG.test(tenant.slug)) throw badInput('slug must be 2-63 lower-case letters, digits or hyphens', 'slug');
  if (!tenant.name.trim()) throw badInput('name must not be empty', 'name');
  if (!/^\S+@\S+\.\S+$/.test(tenant.adminEmail)) throw badInput('admin email must be an email address', 'adminEmail');
  await assertPasswordPolicy(
    tenant.adminPassword,
    [tenant.adminEmail, tenant.adminName, tenant.slug, tenant.name],
    'adminPassword',
    'admin password',
  );
  const passwordHash = await hashPassword(tenant.adminPassword);
  const tenantId = randomUUID();
  // One transaction under the new tenant's scope: both rows or neither.
  const transaction = await openTenantTransaction(owner, { tenantId });
  try {
    await transaction.manager.query(`insert into tenant (id, slug, name) values ($1, $2, $3)`, [
      tenantId,
      tenant.slug,
      tenant.name.trim(),
    ]);
    const [admin] = (await transaction.manager.query(
      `insert into app_user (tenant_id, email, display_name, password_hash, role)
       values ($1, $2, $3, $4, $5) returning id`,
      [tenantId, tenant.adminEmail, tenant.adminName ?? 'Tenant administrator', passwordHash, Role.TENANT_ADMIN],
    )) as { id: string }[];
    await transaction.finish(true);
    return { tenantId, adminId: admin.id };
  } catch (error) {
    await transaction.finish(false);
    throw isUniqueViolation(error) ? conflict(`A tenant with slug "${tenant.slug}" already exists.`) : error;
  }
}
