import { ApiHarness, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

const TO_ENDORSE = `query($id: ID!, $first: Int) { organisation(id: $id) {
  nominationsToEndorse(first: $first) { count nodes { id programme { name } person { fullName } } } } }`;

/**
 * Organisation.nominationsToEndorse over HTTP: the open nominations of the programmes an
 * organisation takes part in now on which it has no position yet, counted and bounded,
 * and only in localities the caller may see.
 */
describe('nominations waiting for an organisation', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('to-endorse');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
  });
  afterAll(() => sharedApi.leave(api));

  const waiting = async (id: string, token: string, first?: number) =>
    (await api.ok(TO_ENDORSE, { id, first }, token)).organisation.nominationsToEndorse;

  it('lists the longest waiting first, counts them all, and drops those the organisation has answered', async () => {
    const locality = await make.locality();
    const [x, y, z] = await make.members(locality.id, 3);
    const first = await make.programme(locality.id, [x.id, y.id], { name: 'First programme' });
    const second = await make.programme(locality.id, [x.id, z.id], { name: 'Second programme' });
    const theirs = await make.programme(locality.id, [y.id, z.id], { name: 'Not of x' });
    const n1 = await make.nominate(first.id, (await make.person(y.id, 'Ann First')).id);
    const n2 = await make.nominate(second.id, (await make.person(z.id, 'Bob Second')).id);
    await make.nominate(theirs.id, (await make.person(z.id, 'Cy Third')).id);
    const repX = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', x.id);

    expect(await waiting(x.id, repX.token)).toEqual({
      count: 2,
      nodes: [
        { id: n1.id, programme: { name: 'First programme' }, person: { fullName: 'Ann First' } },
        { id: n2.id, programme: { name: 'Second programme' }, person: { fullName: 'Bob Second' } },
      ],
    });
    expect(await waiting(x.id, coordinator, 1)).toEqual({ count: 2, nodes: [expect.objectContaining({ id: n1.id })] });

    await api.ok(ENDORSE, { input: { nominationId: n1.id, organisationId: x.id, position: 'ABSTAIN', comment: 'Not our field' } }, repX.token);
    expect(await waiting(x.id, repX.token)).toEqual({ count: 1, nodes: [expect.objectContaining({ id: n2.id })] });
    expect((await waiting(y.id, coordinator)).count).toBe(2);
  });

  it("shows a representative nothing of localities their body is not a member of, and bounds first", async () => {
    const locality = await make.locality();
    const [x, y] = await make.members(locality.id, 2);
    const programme = await make.programme(locality.id, [x.id, y.id]);
    await make.nominate(programme.id, (await make.person(y.id)).id);
    const elsewhere = await make.locality();
    const [w] = await make.members(elsewhere.id, 1);
    const repW = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', w.id);

    expect(await waiting(x.id, coordinator)).toMatchObject({ count: 1 });
    const seen = await api.graphql(TO_ENDORSE, { id: x.id }, repW.token);
    expect(seen.data?.organisation?.nominationsToEndorse ?? { count: 0, nodes: [] }).toEqual({ count: 0, nodes: [] });
    expect(codeOf(await api.graphql(TO_ENDORSE, { id: x.id, first: 101 }, coordinator))).toBe('BAD_USER_INPUT');
  });

  it('shows another tenant nothing', async () => {
    const locality = await make.locality();
    const [x] = await make.members(locality.id, 1);
    const other = await api.newTenant('to-endorse-other');
    const result = await api.graphql(TO_ENDORSE, { id: x.id }, (await api.newUser(other, 'COORDINATOR')).token);
    expect(codeOf(result)).toBe('NOT_FOUND');
  });
});
