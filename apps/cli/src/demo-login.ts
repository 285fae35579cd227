import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { AppConfig } from '@joinedup/config';
import { openDataSource } from '@joinedup/database';
import { DEFAULT_DEMO_TENANT, DemoUserSummary, seedDemo } from '@joinedup/demo';

export interface DemoLogin {
  tenant: string;
  password: string;
  users: DemoUserSummary[];
}

/**
 * The demo partnership of an embedded installation: loaded at the first start with a
 * password made for this installation, which is kept (readable by its owner only) in
 * `file` so that every start can print how to sign in.
 */
export async function ensureDemoLogin(config: AppConfig, file: string): Promise<DemoLogin> {
  const saved = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as DemoLogin,
    () => undefined,
  );
  if (saved) return saved;
  const password = randomBytes(12).toString('base64url');
  const owner = await openDataSource({ url: config.databaseMigrationUrl, applicationName: 'joinedup-start', poolSize: 1 });
  try {
    const result = await seedDemo(owner, { tenant: DEFAULT_DEMO_TENANT, password });
    const login = { tenant: result.tenantSlug, password, users: result.users };
    await writeFile(file, JSON.stringify(login, null, 2), { mode: 0o600 });
    return login;
  } finally {
    await owner.destroy();
  }
}

/** The lines a newcomer needs: who to sign in as, with which tenant and password. */
export function describeDemoLogin(login: DemoLogin): string[] {
  return [
    `Demo partnership in tenant "${login.tenant}"; every demo user's password is ${login.password}`,
    ...login.users.map((u) => `  ${u.role.padEnd(22)} ${u.email}${u.organisation ? ` (for ${u.organisation})` : ''}`),
  ];
}
