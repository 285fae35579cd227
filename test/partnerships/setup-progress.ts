import { ApiHarness, codeOf, TestTenant, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const PROGRESS = `query { setupProgress { localities memberBodies peopleWithCompetencies memberRepresentatives programmes agreedConflictProcesses measures } }`;
const PEOPLE = `query($id: ID!, $after: String) { organisation(id: $id) { peopleConnection(first: 2, after: $after) {
  nodes { fullName } pageInfo { hasNextPage endCursor } } } }`;
const CREATE_AND_ADD = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
const BODIES_NAMED = `query($name: String!) { organisations(first: 5, nameContains: $name) { nodes { id } } }`;

/**
 * The set-up task list's counts (each library counting its own step, under RLS), an
 * organisation's people a page at a time, and creating a body straight into a locality:
 * refused whole at 40 members, and for anyone but coordinators and administrators.
 */
describe('set-up progress and the registry additions', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let other: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('setup-progress');
    other = await api.newTenant('setup-progress-other');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
  }, 60_000);
  afterAll(() => sharedApi.leave(api));

  it('counts what each set-up step needs, in the caller’s tenant only', async () => {
    const none = { localities: 0, memberBodies: 0, peopleWithCompetencies: 0, memberRepresentatives: 0, programmes: 0, agreedConflictProcesses: 0, measures: 0 };
    expect((await api.ok(PROGRESS, {}, coordinator)).setupProgress).toEqual(none);
    const locality = await make.locality();
    const [body] = await make.members(locality.id, 1);
    await make.person(body.id, 'Sam Patel');
    await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id);
    await make.programme(locality.id, [body.id]);
    expect((await api.ok(PROGRESS, {}, coordinator)).setupProgress).toEqual({ ...none, localities: 1, memberBodies: 1, peopleWithCompetencies: 1, memberRepresentatives: 1, programmes: 1 });
    expect((await api.ok(PROGRESS, {}, other.adminToken)).setupProgress).toEqual(none);
  });

  it('refuses reviewers and member representatives, saying who may', async () => {
    const body = await make.organisation();
    for (const user of [await api.newUser(tenant, 'REVIEWER'), await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id)]) {
      const refused = await api.graphql(PROGRESS, {}, user.token);
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toBe('Only coordinators and tenant administrators can see how far the partnership is set up.');
    }
  });

  it('pages an organisation’s people by name', async () => {
    const body = await make.organisation();
    for (const name of ['Cara', 'Ann', 'Ben']) await make.person(body.id, name);
    const first = (await api.ok(PEOPLE, { id: body.id }, coordinator)).organisation.peopleConnection;
    expect(first.nodes.map((p: { fullName: string }) => p.fullName)).toEqual(['Ann', 'Ben']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await api.ok(PEOPLE, { id: body.id, after: first.pageInfo.endCursor }, coordinator)).organisation.peopleConnection;
    expect(second).toEqual({ nodes: [{ fullName: 'Cara' }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
    // Another tenant does not see the body at all.
    expect(codeOf(await api.graphql(PEOPLE, { id: body.id }, other.adminToken))).toBe('NOT_FOUND');
  });

  it('lists the competency registry: each name once whatever its case, in the caller’s tenant only, within its bound', async () => {
    const body = await make.organisation();
    await api.ok(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      { input: { organisationId: body.id, fullName: 'Dee', competencies: [{ name: 'programme management', level: 2 }, { name: 'Finance', level: 3 }] } },
      coordinator,
    );
    const names = `query($first: Int!) { competencyNames(first: $first) }`;
    // The factory's people hold "Programme management"; the lower-case spelling is the same competency.
    expect((await api.ok(names, { first: 10 }, coordinator)).competencyNames).toEqual(['Finance', 'Programme management']);
    expect((await api.ok(names, { first: 1 }, coordinator)).competencyNames).toEqual(['Finance']);
    expect((await api.ok(names, { first: 10 }, other.adminToken)).competencyNames).toEqual([]);
    expect(codeOf(await api.graphql(names, { first: 201 }, coordinator))).toBe('BAD_USER_INPUT');
  });

  it('creates a body as a member of a locality in one change, refused whole at 40 members and for other roles', async () => {
    const locality = await make.locality();
    await make.members(locality.id, 39);
    const created = await api.ok(CREATE_AND_ADD, { input: { name: 'Fortieth Body', sector: 'HOUSING', localityId: locality.id } }, coordinator);
    const members = `query($id: ID!) { locality(id: $id) { activeMemberCount members { organisation { id } } } }`;
    const now = (await api.ok(members, { id: locality.id }, coordinator)).locality;
    expect(now.activeMemberCount).toBe(40);
    expect(now.members.map((m: { organisation: { id: string } }) => m.organisation.id)).toContain(created.createOrganisation.id);

    const full = await api.graphql(CREATE_AND_ADD, { input: { name: 'Forty-first Body', sector: 'HOUSING', localityId: locality.id } }, coordinator);
    expect(codeOf(full)).toBe('CONFLICT');
    expect(full.errors![0].message).toContain('already has 40 active member bodies');
    expect((await api.ok(BODIES_NAMED, { name: 'Forty-first' }, coordinator)).organisations.nodes).toEqual([]);

    const reviewer = await api.newUser(tenant, 'REVIEWER');
    const refused = await api.graphql(CREATE_AND_ADD, { input: { name: 'Reviewer Body', sector: 'HOUSING' } }, reviewer.token);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    // Another tenant's locality is not found, and the body is not created either.
    const elsewhere = await api.graphql(CREATE_AND_ADD, { input: { name: 'Elsewhere Body', sector: 'HOUSING', localityId: locality.id } }, other.adminToken);
    expect(codeOf(elsewhere)).toBe('NOT_FOUND');
    expect((await api.ok(BODIES_NAMED, { name: 'Elsewhere' }, other.adminToken)).organisations.nodes).toEqual([]);
  }, 120_000);
});
