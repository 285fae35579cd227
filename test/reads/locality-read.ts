import { StatementCounter } from '@joinedup/database';
import { LOCALITY_DASHBOARD } from '../support/locality-dashboard';
import { ApiHarness, TestTenant, sharedApi } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

describe('reading a locality back in one request', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let make: RegistryFactory;
  let coordinator: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('reads');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
  });
  afterAll(() => sharedApi.leave(api));

  /** A locality of `members` bodies, each with a person, in two programmes with leadership under way. */
  async function partnership(members: number) {
    const locality = await make.locality();
    const organisations = await make.members(locality.id, members);
    for (const o of organisations) await make.person(o.id);
    const ids = organisations.map((o) => o.id);
    const agreedProgramme = await make.programme(locality.id, ids.slice(0, 1));
    const leader = await make.person(ids[0], 'Agreed Leader');
    const agreed = await make.nominate(agreedProgramme.id, leader.id);
    const rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', ids[0]);
    await api.ok(ENDORSE, { input: { nominationId: agreed.id, organisationId: ids[0], position: 'SUPPORT' } }, rep.token);
    const openProgramme = await make.programme(locality.id, ids);
    const open = await make.nominate(openProgramme.id, leader.id);
    // An abstention keeps it open, also when the body is the only participant.
    await api.ok(ENDORSE, { input: { nominationId: open.id, organisationId: ids[0], position: 'ABSTAIN' } }, rep.token);
    return locality;
  }

  async function statementsFor(localityId: string) {
    const before = StatementCounter.total;
    const data = await api.ok(LOCALITY_DASHBOARD, { id: localityId }, coordinator);
    return { data, statements: StatementCounter.total - before };
  }

  it('returns members, programmes, participants, leader and open nomination, with a flat statement count', async () => {
    const small = await statementsFor((await partnership(1)).id);
    const large = await statementsFor((await partnership(40)).id);

    expect(large.data.locality.members).toHaveLength(40);
    expect(large.data.locality.activeMemberCount).toBe(40);
    const [agreed, open] = [...large.data.locality.programmes].sort((a, b) => a.participants.length - b.participants.length);
    expect(agreed.leader.person.fullName).toBe('Agreed Leader');
    expect(open.participants).toHaveLength(40);
    expect(open.openNomination.tally).toEqual({ supporting: 0, pending: 39, agreed: false });
    expect(open.openNomination.endorsements).toHaveLength(1);

    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(20);
  });
});
