import { RulesPartnership } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';

const DEFINE = `mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`;
const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`;
const FLAGS = `query($localityId: ID) { governanceFlags(localityId: $localityId, first: 100) { nodes { id ruleCode subjectId locality { id } } } }`;
const HEALTH = `query($id: ID!) { locality(id: $id) { governanceHealth { roleFit } } }`;

/**
 * ROLE_OVERLOAD is about a person across localities: its flag belongs to none, yet shows under,
 * and counts in the role-fit health of, each locality where the person holds roles.
 */
describe('ROLE_OVERLOAD under the localities of its roles', () => {
  let { api, coordinator, probe, make, locality, org } = {} as RulesPartnership<'A' | 'B'>;
  const where = { second: '', elsewhere: '' };
  let person: { id: string };

  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org } = await RulesPartnership.start('role-overload', { bodies: ['A', 'B'] }));
    where.second = (await make.locality()).id;
    where.elsewhere = (await make.locality()).id;
    await make.addMember(where.second, org.A);
    const [c] = await make.members(where.elsewhere, 1);
    await make.programme(where.elsewhere, [c.id]);
    person = await make.person(org.A);
    const here = await make.programme(locality.id, [org.A, org.B]);
    const there = await make.programme(where.second, [org.A]);
    // Four roles, more than the default maxRoles of 3: three here, one in the second locality.
    for (const programmeId of [here.id, here.id, here.id, there.id]) {
      const role = (await api.ok(DEFINE, { input: { programmeId, title: `Role ${Math.random().toString(36).slice(2, 8)}` } }, coordinator)).defineRole;
      await api.ok(ASSIGN, { input: { roleId: role.id, personId: person.id, selectionMethod: 'OPEN_SELECTION' } }, coordinator);
    }
    await probe.scan(new Date());
  });
  afterAll(() => sharedApi.leave(api));

  const overloadUnder = async (localityId: string | null) =>
    (await api.ok(FLAGS, { localityId }, coordinator)).governanceFlags.nodes.filter(
      (f: { ruleCode: string; subjectId: string }) => f.ruleCode === 'ROLE_OVERLOAD' && f.subjectId === person.id,
    );

  it('shows the one flag under each locality where the person holds roles, and not elsewhere', async () => {
    const [flag] = await overloadUnder(null);
    expect(flag).toMatchObject({ locality: null });
    expect(await overloadUnder(locality.id)).toEqual([flag]);
    expect(await overloadUnder(where.second)).toEqual([flag]);
    expect(await overloadUnder(where.elsewhere)).toEqual([]);
  });

  it('counts it in those localities’ role-fit health (MEDIUM: 10 points), and not elsewhere', async () => {
    const health = async (id: string) => (await api.ok(HEALTH, { id }, coordinator)).locality.governanceHealth;
    expect(await health(locality.id)).toEqual({ roleFit: 90 });
    expect(await health(where.second)).toEqual({ roleFit: 90 });
    expect(await health(where.elsewhere)).toEqual({ roleFit: 100 });
    // A scan of one locality counts it too.
    await probe.scan(new Date(), where.second);
    expect(await health(where.second)).toEqual({ roleFit: 90 });
  });
});
