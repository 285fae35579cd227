import 'reflect-metadata';
import { createTenant } from '@joinedup/auth';
import { parseFlags, runCli, withOwner } from './cli-args';

const USAGE =
  'usage: npm run tenant:create -- --slug SLUG --name "NAME" --admin-email EMAIL --admin-password PASSWORD [--admin-name "NAME"]';

/** npm run tenant:create — a tenant with its first administrator. */
runCli('tenant:create', async () => {
  const flags = parseFlags(process.argv.slice(2));
  const missing = ['slug', 'name', 'admin-email', 'admin-password'].filter((f) => !flags[f]);
  if (missing.length) throw new Error(`missing ${missing.map((m) => `--${m}`).join(', ')}\n${USAGE}`);
  await withOwner(async (owner) => {
    const created = await createTenant(owner, {
      slug: flags.slug,
      name: flags.name,
      adminEmail: flags['admin-email'],
      adminPassword: flags['admin-password'],
      adminName: flags['admin-name'],
    });
    process.stdout.write(`Created tenant ${flags.slug} (${created.tenantId}) with administrator ${flags['admin-email']}\n`);
  });
});
