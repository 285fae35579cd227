import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@joinedup/config';
import { openDataSource, openTenantTransaction, queryRows } from '@joinedup/database';
import { seedDemo, SeedDemoResult } from '@joinedup/demo';
import { ApiHarness, codeOf } from './support/api-harness';
import { ENDORSE } from './support/registry-factory';

const TABLES = [
  'app_user',
  'locality',
  'organisation',
  'membership',
  'person',
  'person_competency',
  'programme',
  'programme_participant',
  'leader_nomination',
  'endorsement',
  'programme_leader',
  'audit_event',
];
const PASSWORD = 'demo password 2026';

const SAFER_STREETS = `{
  localities(first: 10) {
    nodes { programmes { name openNomination { id tally { supporting opposing pending agreed } } leader { person { fullName } } } }
  }
}`;

describe('npm run seed:demo', () => {
  let owner: DataSource;
  /** The application's connection: unlike a superuser owner, it sees only the tenant in scope. */
  let reader: DataSource;
  let api: ApiHarness;
  let slug: string;
  let first: SeedDemoResult;

  /** Rows of each demo table in the tenant, read as the application role (row-level security applies). */
  async function rowCounts(tenantId: string): Promise<Record<string, number>> {
    const transaction = await openTenantTransaction(reader, { tenantId });
    try {
      const counts: Record<string, number> = {};
      for (const table of TABLES) {
        const [row] = await queryRows<{ n: number }>(transaction.manager, `select count(*)::int as n from ${table}`);
        counts[table] = row.n;
      }
      return counts;
    } finally {
      await transaction.finish(false);
    }
  }

  async function one<T>(tenantId: string, sql: string): Promise<T[]> {
    const transaction = await openTenantTransaction(reader, { tenantId });
    try {
      return await queryRows<T>(transaction.manager, sql);
    } finally {
      await transaction.finish(false);
    }
  }

  beforeAll(async () => {
    const config = loadConfig();
    owner = await openDataSource({ url: config.databaseMigrationUrl, applicationName: 'joinedup-test', poolSize: 2 });
    reader = await openDataSource({ url: config.databaseUrl, applicationName: 'joinedup-test', poolSize: 1 });
    api = await ApiHarness.start();
    slug = `demo-${randomUUID().slice(0, 8)}`;
    first = await seedDemo(owner, { tenant: slug, password: PASSWORD });
  }, 60000);
  afterAll(async () => {
    await api.stop();
    await owner.destroy();
    await reader.destroy();
  });

  it('creates the tenant and loads two localities of 25–40 bodies of every sector, with people and programmes', async () => {
    expect(first.tenantCreated).toBe(true);
    const localities = await one<{ code: string; members: number; sectors: number; counted: number }>(
      first.tenantId,
      `select l.code, count(*)::int as members, count(distinct o.sector)::int as sectors, l.active_member_count as counted
         from locality l join membership m on m.locality_id = l.id and m.left_on is null
         join organisation o on o.id = m.organisation_id group by l.tenant_id, l.id order by l.code`,
    );
    expect(localities.map((l) => l.code)).toEqual(['E08000024', 'E08000037']);
    for (const locality of localities) {
      expect(locality.members).toBeGreaterThanOrEqual(25);
      expect(locality.members).toBeLessThanOrEqual(40);
      expect(locality.counted).toBe(locality.members);
      expect(locality.sectors).toBe(11);
    }

    const [people] = await one<{ people: number; without: number }>(
      first.tenantId,
      `select count(*)::int as people,
              count(*) filter (where not exists (select 1 from person_competency c where c.person_id = p.id))::int as without
         from person p`,
    );
    expect(people.people).toBeGreaterThanOrEqual(100);
    expect(people.without).toBe(0);

    const states = await one<{ name: string; status: string; nomination: string | null; leaders: number }>(
      first.tenantId,
      `select p.name, p.status,
              (select n.status from leader_nomination n where n.programme_id = p.id) as nomination,
              (select count(*)::int from programme_leader pl where pl.programme_id = p.id and pl.stepped_down_at is null) as leaders
         from programme p order by p.name`,
    );
    expect(states).toEqual(
      expect.arrayContaining([
        { name: 'Healthy Ageing', status: 'ACTIVE', nomination: 'AGREED', leaders: 1 },
        { name: 'Employment and Skills Pathway', status: 'ACTIVE', nomination: 'OPEN', leaders: 0 },
        { name: 'Safer Streets', status: 'ACTIVE', nomination: 'OPEN', leaders: 0 },
        { name: 'Family Hubs', status: 'DRAFT', nomination: null, leaders: 0 },
        { name: 'Winter Resilience', status: 'CLOSED', nomination: 'AGREED', leaders: 0 },
      ]),
    );
    // Every participant is an active member of the programme's locality.
    const [outsiders] = await one<{ n: number }>(
      first.tenantId,
      `select count(*)::int as n from programme_participant pp join programme p on p.id = pp.programme_id
        where not exists (select 1 from membership m where m.locality_id = p.locality_id
                             and m.organisation_id = pp.organisation_id and m.left_on is null)`,
    );
    expect(outsiders.n).toBe(0);

    expect(first.users.map((u) => [u.email, u.role])).toEqual(
      expect.arrayContaining([
        [`admin@${slug}.demo`, 'TENANT_ADMIN'],
        [`coordinator@${slug}.demo`, 'COORDINATOR'],
        [`reviewer@${slug}.demo`, 'REVIEWER'],
        [`rep.gateshead-council@${slug}.demo`, 'MEMBER_REPRESENTATIVE'],
      ]),
    );
  });

  it('adds nothing when run again', async () => {
    const before = await rowCounts(first.tenantId);
    const again = await seedDemo(owner, { tenant: slug, password: PASSWORD });
    expect(again.tenantId).toBe(first.tenantId);
    expect(again.tenantCreated).toBe(false);
    expect(again.added).toEqual({});
    expect(again.users).toEqual(first.users);
    expect(await rowCounts(first.tenantId)).toEqual(before);
  });

  it('refuses a short password before touching the database', async () => {
    const other = `demo-${randomUUID().slice(0, 8)}`;
    await expect(seedDemo(owner, { tenant: other, password: 'too short' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const [row] = await owner.query(`select tenant_id_for_slug($1) as id`, [other]);
    expect(row.id).toBeNull();
  });

  it('lets the demo coordinator sign in and read the localities over GraphQL', async () => {
    const session = await api.signIn(slug, `coordinator@${slug}.demo`, PASSWORD);
    const data = await api.ok(`{ localities(first: 10) { nodes { name code activeMemberCount } } }`, {}, session.accessToken);
    const nodes = data.localities.nodes as { name: string; code: string; activeMemberCount: number }[];
    expect(nodes.map((n) => n.name)).toEqual(['Gateshead', 'Sunderland']);
    expect(nodes.map((n) => n.code)).toEqual(['E08000037', 'E08000024']);
    for (const node of nodes) expect(node.activeMemberCount).toBeGreaterThanOrEqual(25);
  });

  it('lets demo representatives agree the Safer Streets leader, and only for their own bodies', async () => {
    const rep = async (key: string) => (await api.signIn(slug, `rep.${key}@${slug}.demo`, PASSWORD)).accessToken;
    const bid = await rep('sunderland-bid');
    const read = await api.ok(SAFER_STREETS, {}, bid);
    const programme = read.localities.nodes.flatMap((l: any) => l.programmes).find((p: any) => p.name === 'Safer Streets');
    expect(programme.openNomination.tally).toEqual({ supporting: 4, opposing: 1, pending: 3, agreed: false });
    const nominationId = programme.openNomination.id;

    const organisationId = async (name: string) =>
      (await one<{ id: string }>(first.tenantId, `select id from organisation where name = '${name}'`))[0].id;
    const bidId = await organisationId('Sunderland Business Improvement District');
    const gentoo = await rep('gentoo');
    const refused = await api.graphql(ENDORSE, { input: { nominationId, organisationId: bidId, position: 'OPPOSE' } }, gentoo);
    expect(codeOf(refused)).toBe('FORBIDDEN');

    await api.ok(ENDORSE, { input: { nominationId, organisationId: bidId, position: 'SUPPORT' } }, bid);
    const mapId = await organisationId('Back on the Map');
    const agreed = await api.ok(
      ENDORSE,
      { input: { nominationId, organisationId: mapId, position: 'SUPPORT' } },
      await rep('back-on-the-map'),
    );
    // 6 of 9 is 0.667 with one opposing: the qualified majority is met.
    expect(agreed.endorseNomination.status).toBe('AGREED');
  });
});
