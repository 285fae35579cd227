import { ApiHarness, codeOf, TestTenant, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

const PROGRAMMES = `query($localityId: ID!, $first: Int!, $after: String) {
  programmes(localityId: $localityId, first: $first, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } }
}`;
const TALLY = `query($id: ID!) { programme(id: $id) { openNomination { tally { supporting participants supportNeeded agreed } } } }`;

/** `programmes` (a locality's programmes, paged) and a tally's `supportNeeded`, over HTTP. */
describe('programmes of a locality and the support a nomination needs', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;
  let locality: { id: string };
  let bodies: { id: string }[];

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('programme-list');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
    locality = await make.locality();
    bodies = await make.members(locality.id, 3);
    for (const name of ['Cedar', 'Alder', 'Birch']) await make.programme(locality.id, [], { name });
  }, 120_000);
  afterAll(() => sharedApi.leave(api));

  it('lists them by name, a page at a time', async () => {
    const first = (await api.ok(PROGRAMMES, { localityId: locality.id, first: 2 }, coordinator)).programmes;
    expect(first.nodes.map((p: { name: string }) => p.name)).toEqual(['Alder', 'Birch']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await api.ok(PROGRAMMES, { localityId: locality.id, first: 2, after: first.pageInfo.endCursor }, coordinator)).programmes;
    expect(next).toEqual({ nodes: [{ name: 'Cedar' }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
  });

  it('refuses a page larger than 100, a made-up cursor, another tenant and a member representative of another locality', async () => {
    expect(codeOf(await api.graphql(PROGRAMMES, { localityId: locality.id, first: 101 }, coordinator))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(PROGRAMMES, { localityId: locality.id, first: 2, after: 'xyz' }, coordinator))).toBe('BAD_USER_INPUT');
    const stranger = await api.newTenant('programme-list-other');
    const theirs = (await api.newUser(stranger, 'COORDINATOR')).token;
    expect(codeOf(await api.graphql(PROGRAMMES, { localityId: locality.id, first: 2 }, theirs))).toBe('NOT_FOUND');
    const elsewhere = await make.locality();
    const [outsider] = await make.members(elsewhere.id, 1);
    const rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', outsider.id);
    expect(codeOf(await api.graphql(PROGRAMMES, { localityId: locality.id, first: 2 }, rep.token))).toBe('NOT_FOUND');
    const reviewer = (await api.newUser(tenant, 'REVIEWER')).token;
    expect((await api.ok(PROGRAMMES, { localityId: locality.id, first: 5 }, reviewer)).programmes.nodes).toHaveLength(3);
  });

  it('says how many must support: two of three under two thirds, all three when unanimous', async () => {
    const ids = bodies.map((b) => b.id);
    const twoThirds = await make.programme(locality.id, ids, { agreementRule: { kind: 'QUALIFIED_MAJORITY', supportThreshold: 0.667 } });
    const unanimous = await make.programme(locality.id, ids);
    const nomination = await make.nominate(twoThirds.id, (await make.person(bodies[0].id)).id);
    await make.nominate(unanimous.id, (await make.person(bodies[0].id)).id);
    const tally = async (id: string) => (await api.ok(TALLY, { id }, coordinator)).programme.openNomination?.tally;
    expect(await tally(twoThirds.id)).toEqual({ supporting: 0, participants: 3, supportNeeded: 2, agreed: false });
    expect(await tally(unanimous.id)).toEqual({ supporting: 0, participants: 3, supportNeeded: 3, agreed: false });
    const rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[1].id);
    const endorsed = await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: bodies[1].id, position: 'SUPPORT' } }, rep.token);
    expect(endorsed.endorseNomination.tally).toMatchObject({ supporting: 1, agreed: false });
  });
});
