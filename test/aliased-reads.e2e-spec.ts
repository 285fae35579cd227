import { JsonReads } from '@joinedup/graphql-kit';
import { ApiHarness, GraphQLResult } from './support/api-harness';
import { ENDORSE, RegistryFactory } from './support/registry-factory';

/**
 * A response key names a field only where the client wrote it: the same record reached
 * again through a loader, where an alias names another field, gets that field's own
 * answer (the two repros of issue 23). Both ways a read is answered: by the one-statement
 * read where JsonReads can compile it, and executed field by field.
 */
describe.each([
  ['compiled where it can', true],
  ['executed field by field', false],
])('aliased reads, %s', (_way, compiled) => {
  let api: ApiHarness;
  let coordinator: string;
  let localityId: string;
  let leaderId: string;
  let openNominationId: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    api.app.get(JsonReads).enabled = compiled;
    const tenant = await api.newTenant('aliased');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    localityId = (await make.locality()).id;
    const [first, second] = await make.members(localityId, 2);
    for (const body of [first, second]) await make.person(body.id);
    const led = await make.programme(localityId, [first.id, second.id]);
    const nomination = await make.nominate(led.id, (await make.person(first.id, 'Agreed Leader')).id);
    for (const body of [first, second]) {
      const representative = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id)).token;
      await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: body.id, position: 'SUPPORT' } }, representative);
    }
    const open = await make.programme(localityId, [first.id, second.id]);
    openNominationId = (await make.nominate(open.id, (await make.person(second.id, 'Nominee')).id)).id;
    const answer = await api.ok(`query($id: ID!) { programme(id: $id) { leader { id } } }`, { id: led.id }, coordinator);
    leaderId = answer.programme.leader.id;
  });
  afterAll(() => api.stop());

  const read = (query: string): Promise<GraphQLResult> => api.graphql(`query($id: ID!) { ${query} }`, { id: localityId }, coordinator);

  it("answers an alias with its own field's answer, not that of another field under the same key", async () => {
    const result = await read(`locality(id: $id) { programmes { leader { id } nominations { programme { leader: openNomination { id } } } } }`);
    expect(result.errors).toBeUndefined();
    const answered = result.data!.locality.programmes.flatMap((p: { nominations: { programme: { leader: { id: string } | null } }[] }) =>
      p.nominations.map((n) => n.programme.leader?.id ?? null),
    );
    // The agreed nomination's programme has no open nomination; the other's is the nominee's.
    expect(answered.sort()).toEqual([openNominationId, null].sort());
    expect(answered).not.toContain(leaderId);
  });

  it('answers a list under an alias that a list of another field used, without an error', async () => {
    const result = await read(`locality(id: $id) {
      members { organisation { p: people { fullName } } }
      programmes { leader { person { organisation { p: alignmentRequestsMade { nodes { id } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const leader = result.data!.locality.programmes.find((p: { leader: unknown }) => p.leader).leader;
    expect(leader.person.organisation.p).toEqual({ nodes: [] });
    expect(result.data!.locality.members[0].organisation.p.length).toBeGreaterThan(0);
  });
});
