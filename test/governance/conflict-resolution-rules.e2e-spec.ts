import { ApiHarness, TestTenant, TestUser } from '../support/api-harness';
import { GovernanceProbe, daysAfter } from '../support/governance-probe';
import { RegistryFactory } from '../support/registry-factory';

const RAISE = `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id openedAt } }`;
const ACKNOWLEDGE = `mutation($input: ConflictTransitionInput!) { acknowledgeConflict(input: $input) { id status } }`;

describe('governance rules: conflict resolution', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let probe: GovernanceProbe;
  let locality: { id: string };
  let programme: { id: string };
  const rep = {} as Record<'A' | 'B', TestUser>;
  const org = { A: '', B: '' };

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('rules-conflict');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    probe = new GovernanceProbe(api, tenant.id);
    const make = new RegistryFactory(api, coordinator);
    locality = await make.locality();
    const [a, b] = await make.members(locality.id, 2);
    Object.assign(org, { A: a.id, B: b.id });
    rep.A = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', a.id);
    rep.B = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', b.id);
    programme = await make.programme(locality.id, [a.id, b.id]);
  });
  afterAll(() => api.stop());

  const raise = async () =>
    (
      await api.ok(
        RAISE,
        {
          input: {
            localityId: locality.id,
            programmeId: programme.id,
            partyIds: [org.B],
            category: 'RESOURCES',
            severity: 'HIGH',
            title: 'Funding for the shared team',
            description: 'Who pays for the shared team.',
          },
        },
        rep.A.token,
      )
    ).raiseConflict as { id: string; openedAt: string };

  describe('CONFLICT_UNACKNOWLEDGED', () => {
    it('raises after 5 days OPEN, not just before, and resolves once acknowledged', async () => {
      const conflict = await raise();
      await probe.scan(daysAfter(conflict.openedAt, 5 - 1 / 24), locality.id);
      expect(await probe.flagAbout('CONFLICT_UNACKNOWLEDGED', conflict.id)).toBeUndefined();

      const scan = await probe.scan(daysAfter(conflict.openedAt, 5 + 1 / 24), locality.id);
      const flag = await probe.flagAbout('CONFLICT_UNACKNOWLEDGED', conflict.id);
      expect(flag).toMatchObject({ barrier: 'CONFLICT_RESOLUTION', subjectType: 'CONFLICT', severity: 'MEDIUM', programmeId: programme.id });
      expect(flag?.evidence).toEqual({ conflictId: conflict.id, openedAt: expect.any(String) });
      expect(scan.raised).toBeGreaterThanOrEqual(1);

      // The same scan again changes nothing.
      const again = await probe.scan(daysAfter(conflict.openedAt, 5 + 1 / 24), locality.id);
      expect(again).toMatchObject({ raised: 0, updated: 0, resolved: 0 });

      await api.ok(ACKNOWLEDGE, { input: { conflictId: conflict.id } }, rep.B.token);
      await probe.scan(daysAfter(conflict.openedAt, 6), locality.id);
      expect(await probe.flagAbout('CONFLICT_UNACKNOWLEDGED', conflict.id)).toBeUndefined();
      const [resolved] = (await probe.flags('CONFLICT_UNACKNOWLEDGED', { all: true })).filter((f) => f.subjectId === conflict.id);
      expect(resolved).toMatchObject({ state: 'RESOLVED', resolvedAt: expect.any(Date) });
    });
  });
});
