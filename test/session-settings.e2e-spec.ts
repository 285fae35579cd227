import { Client } from 'pg';
import { ApiHarness } from './support/api-harness';
import { PrivateDatabase, privateDatabase } from './support/private-database';
import { RegistryFactory } from './support/registry-factory';

/**
 * A database whose defaults write dates another way (DateStyle), in another time zone and
 * with another IntervalStyle does not change what the API reads: its connections set
 * their own.
 */
describe('session settings of every connection', () => {
  let database: PrivateDatabase;
  let api: ApiHarness;

  beforeAll(async () => {
    database = await privateDatabase('datestyle');
    const owner = new Client({ connectionString: database.env.DATABASE_MIGRATION_URL });
    await owner.connect();
    try {
      const name = new URL(database.env.DATABASE_URL).pathname.slice(1);
      for (const setting of [`datestyle = 'SQL, DMY'`, `timezone = 'Pacific/Chatham'`, `intervalstyle = 'sql_standard'`]) {
        await owner.query(`alter database "${name}" set ${setting}`);
      }
    } finally {
      await owner.end();
    }
    api = await ApiHarness.start(database.env);
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('reads dates and timestamps as written, whatever the database defaults are', async () => {
    const tenant = await api.newTenant('datestyle');
    const coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    const [body] = await make.members(locality.id, 1);
    const programme = await make.programme(locality.id, [body.id], { startsOn: '2026-01-05' });
    const before = Date.now();
    const nomination = await make.nominate(programme.id, (await make.person(body.id)).id);
    const read = await api.ok(
      `query($id: ID!, $programme: ID!) {
        programme(id: $programme) { startsOn openNomination { id nominatedAt } }
        locality(id: $id) { members { joinedOn } } }`,
      { id: locality.id, programme: programme.id },
      coordinator,
    );
    expect(read.programme.startsOn).toBe('2026-01-05');
    expect(read.programme.openNomination.id).toBe(nomination.id);
    const nominatedAt = Date.parse(read.programme.openNomination.nominatedAt);
    expect(Math.abs(nominatedAt - before)).toBeLessThan(60_000);
    expect(read.locality.members[0].joinedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
  });
});
