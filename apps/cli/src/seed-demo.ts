import 'reflect-metadata';
import { DEFAULT_DEMO_TENANT, seedDemo } from '@joinedup/demo';
import { parseFlags, runCli, withOwner } from './cli-args';

const USAGE = 'usage: npm run seed:demo -- --password "PASSWORD" [--tenant demo] [--name "North East Partnerships"]';

/** npm run seed:demo — the demo partnership in a tenant (created when missing), and its demo users. */
runCli('seed:demo', async () => {
  const flags = parseFlags(process.argv.slice(2));
  if (!flags.password || flags.password === 'true') throw new Error(`missing --password\n${USAGE}`);
  await withOwner(async (owner) => {
    const result = await seedDemo(owner, { tenant: flags.tenant ?? DEFAULT_DEMO_TENANT, password: flags.password, name: flags.name });
    const added = Object.entries(result.added).map(([table, rows]) => `${rows} ${table}`);
    const lines = [
      `${result.tenantCreated ? 'Created tenant' : 'Tenant'} ${result.tenantSlug} (${result.tenantId})`,
      added.length ? `Added ${added.join(', ')}` : 'The demo data was already there; nothing added',
      'Demo users (sign in with the tenant slug and the password given when each was created):',
      ...result.users.map((u) => `  ${u.email.padEnd(40)} ${u.role}${u.organisation ? ` for ${u.organisation}` : ''}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
});
