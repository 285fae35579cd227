import { ApiHarness, codeOf, TestTenant, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const DEFINE = `mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;
const CANDIDATES = `query($id: ID!, $first: Int) { programmeRole(id: $id) { candidates(first: $first) {
  person { fullName organisation { name } } fit { score met required gaps { competency requiredLevel heldLevel } } } } }`;

/** `ProgrammeRole.candidates`: the people who could hold a role, with their fit, over HTTP. */
describe('role candidates', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;
  let bodies: { id: string; name: string }[];
  let programme: { id: string };
  let roleId: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('role-candidates');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    bodies = await make.members(locality.id, 3, ['Council', 'Police', 'Fire']);
    const person = (organisationId: string, fullName: string, competencies: { name: string; level: number }[]) =>
      api.ok(CREATE_PERSON, { input: { organisationId, fullName, competencies } }, coordinator);
    await person(bodies[0].id, 'Ann Able', [{ name: 'data', level: 4 }, { name: 'Safeguarding', level: 3 }]);
    await person(bodies[1].id, 'Bob Partial', [{ name: 'Data', level: 2 }, { name: 'Safeguarding', level: 5 }]);
    await person(bodies[1].id, 'Cy None', []);
    await person(bodies[2].id, 'Dee Outside', [{ name: 'Data', level: 5 }, { name: 'Safeguarding', level: 5 }]);
    programme = await make.programme(locality.id, [bodies[0].id, bodies[1].id]);
    roleId = (
      await api.ok(DEFINE, { input: { programmeId: programme.id, title: 'Data lead', requiredCompetencies: [{ name: 'Data', minLevel: 3 }, { name: 'Safeguarding', minLevel: 3 }] } }, coordinator)
    ).defineRole.id;
  }, 120_000);
  afterAll(() => sharedApi.leave(api));

  it('lists the people of the bodies taking part, best fit first, with what each is missing', async () => {
    const { candidates } = (await api.ok(CANDIDATES, { id: roleId }, coordinator)).programmeRole;
    expect(candidates).toEqual([
      { person: { fullName: 'Ann Able', organisation: { name: 'Council' } }, fit: { score: 1, met: 2, required: 2, gaps: [] } },
      { person: { fullName: 'Bob Partial', organisation: { name: 'Police' } }, fit: { score: 0.5, met: 1, required: 2, gaps: [{ competency: 'Data', requiredLevel: 3, heldLevel: 2 }] } },
      {
        person: { fullName: 'Cy None', organisation: { name: 'Police' } },
        fit: { score: 0, met: 0, required: 2, gaps: [{ competency: 'Data', requiredLevel: 3, heldLevel: null }, { competency: 'Safeguarding', requiredLevel: 3, heldLevel: null }] },
      },
    ]);
    const firstTwo = (await api.ok(CANDIDATES, { id: roleId, first: 2 }, coordinator)).programmeRole.candidates;
    expect(firstTwo.map((c: { person: { fullName: string } }) => c.person.fullName)).toEqual(['Ann Able', 'Bob Partial']);
  });

  it('refuses more than 100, another tenant and a member representative of another locality; a retired role has none', async () => {
    expect(codeOf(await api.graphql(CANDIDATES, { id: roleId, first: 101 }, coordinator))).toBe('BAD_USER_INPUT');
    const stranger = (await api.newUser(await api.newTenant('role-candidates-other'), 'COORDINATOR')).token;
    expect(codeOf(await api.graphql(CANDIDATES, { id: roleId }, stranger))).toBe('NOT_FOUND');
    const elsewhere = await make.locality();
    const [outsider] = await make.members(elsewhere.id, 1);
    const rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', outsider.id);
    expect(codeOf(await api.graphql(CANDIDATES, { id: roleId }, rep.token))).toBe('NOT_FOUND');
    await api.ok(`mutation($input: RetireRoleInput!) { retireRole(input: $input) { id } }`, { input: { roleId } }, coordinator);
    expect((await api.ok(CANDIDATES, { id: roleId }, coordinator)).programmeRole.candidates).toEqual([]);
  });
});
