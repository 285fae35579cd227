import { SentRead, isJsonRead, sendRead } from '../support/read-both-ways';
import { ApiHarness, GraphQLResult, TestTenant, codeOf, sharedApi } from '../support/api-harness';
import { JSON_READ_SHAPES, UNUSUAL_NAME, asQuery } from '../support/json-read-shapes';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

/**
 * Reads that PostgreSQL answers whole (JsonReads, the locality dashboard and what lies
 * below it) answer byte for byte what GraphQL execution answers, through the same checks.
 */
const SHAPES = JSON_READ_SHAPES;

describe('reads answered whole by PostgreSQL', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let representative: string;
  let outsider: string;
  let localityId: string;
  let archivedId: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('json-read');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    localityId = (await make.locality()).id;
    const bodies = await make.members(localityId, 3);
    // Text JSON escapes (quotes, backslash, control characters) and beyond ASCII, as PostgreSQL writes it.
    await make.person(bodies[0].id, UNUSUAL_NAME);
    for (const body of bodies) await make.person(body.id);
    const ids = bodies.map((b) => b.id);
    const led = await make.programme(localityId, ids.slice(0, 2), { purpose: 'Joined-up care', startsOn: '2026-01-05' });
    const nomination = await make.nominate(led.id, (await make.person(ids[0], 'Agreed Leader')).id);
    representative = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', ids[0])).token;
    const second = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', ids[1])).token;
    await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: ids[0], position: 'SUPPORT' } }, representative);
    await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: ids[1], position: 'SUPPORT' } }, second);
    await make.programme(localityId, ids);
    const elsewhere = await make.locality();
    const [stranger] = await make.members(elsewhere.id, 1);
    outsider = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;
    await make.person(stranger.id);
    archivedId = elsewhere.id;
    await api.ok(`mutation($id: ID!) { archiveLocality(localityId: $id) { archivedAt } }`, { id: archivedId }, coordinator);
  });
  afterAll(() => sharedApi.leave(api));

  /** The raw response, and the statements it sent; `executed` sends it through GraphQL execution instead. */
  const read = (query: string, token: string, id = localityId, executed = false): Promise<SentRead> => sendRead(api, query, { id }, token, !executed);

  it.each(Object.entries(SHAPES))('answers the %s read exactly as execution does, in one statement', async (_name, shape) => {
    const readers: [string, string][] = [[coordinator, localityId], [representative, localityId], [coordinator, archivedId]];
    for (const [token, id] of readers) {
      const whole = await read(asQuery(shape), token, id);
      const fieldByField = await read(asQuery(shape), token, id, true);

      expect(JSON.parse(whole.body).errors).toBeUndefined();
      expect(whole.body).toBe(fieldByField.body);
      // Opening (session check), the read, commit.
      expect(whole.statements).toHaveLength(3);
      expect(whole.statements.filter(isJsonRead)).toHaveLength(1);
      expect(fieldByField.statements.some(isJsonRead)).toBe(false);
    }
  });

  it('writes timestamps as GraphQL does (UTC, milliseconds) and keeps the leader that was agreed', async () => {
    const { locality } = JSON.parse((await read(asQuery(SHAPES.dashboard), coordinator)).body).data;
    const leader = locality.programmes.find((p: { leader: unknown }) => p.leader).leader;
    expect(leader.agreedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(leader.person.fullName).toBe('Agreed Leader');
    const people = locality.members.flatMap((m: { organisation: { people: { fullName: string }[] } }) => m.organisation.people);
    expect(people.map((p: { fullName: string }) => p.fullName)).toContain(UNUSUAL_NAME);
    expect(locality.members).toHaveLength(3);
  });

  it('leaves to execution what it does not know, with the same answer', async () => {
    const query = `query($id: ID!) { locality(id: $id) { name programmes { name nominations { tally { agreed } } } } }`;
    const { body, statements } = await read(query, coordinator);
    expect(statements.some(isJsonRead)).toBe(false);
    expect(JSON.parse(body).data.locality.programmes).toHaveLength(2);
  });

  it('refuses, hides and reports as execution does', async () => {
    const query = asQuery(SHAPES.dashboard);
    const post = (token: string | undefined, id: unknown) => api.graphql(query, { id }, token);
    expect(codeOf(await post(outsider, localityId))).toBe('NOT_FOUND');
    expect(codeOf(await post(coordinator, '0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f'))).toBe('NOT_FOUND');
    expect(codeOf(await post(coordinator, 'not-an-id'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await post(undefined, localityId))).toBe('UNAUTHENTICATED');
    expect(codeOf(await post(`${coordinator}x`, localityId))).toBe('UNAUTHENTICATED');

    const signedOut = (await api.newUser(tenant, 'COORDINATOR')).token;
    expect((await post(signedOut, localityId)).data?.locality.name).toBeDefined();
    await api.ok(`mutation { signOut }`, {}, signedOut);
    const refused: GraphQLResult = await post(signedOut, localityId);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.data ?? null).toBeNull();
  });

  it("keeps other tenants' rows out (row-level security still applies to the one statement)", async () => {
    const other = await api.newTenant('json-read-other');
    const theirs = (await api.newUser(other, 'COORDINATOR')).token;
    expect(codeOf(await api.graphql(asQuery(SHAPES.dashboard), { id: localityId }, theirs))).toBe('NOT_FOUND');
  });
});
