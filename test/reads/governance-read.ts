import { StatementCounter } from '@joinedup/database';
import { ApiHarness, TestTenant, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

/** A locality's programmes with how they are run: roles, holders and fit, conflicts, reviews. */
const GOVERNANCE = `query($id: ID!) {
  locality(id: $id) {
    name
    members { organisation { name } }
    conflictProcess { agreedVersion { version stages { number name timeLimitDays } } }
    programmes {
      name
      participants { name }
      roles { title vacantSince holder { selectionMethod person { fullName } organisation { name } fit { score gaps { competency requiredLevel heldLevel } } } }
      conflicts(first: 20) { nodes { status severity title stageDueOn raisedByOrganisation { name } parties { name } } }
      applicableConflictProcess { version }
      measures { name latestValue { value met } trend { metCount missedCount movement } }
      nextReview { dueOn daysOverdue }
      openActions { description daysOverdue owner { fullName } }
    }
  }
}`;

/**
 * Issue 8's read-back: reading a locality's programmes with roles, holders, fit, conflicts
 * and reviews takes as many SQL statements for 40 member bodies as for 2 (a conflict needs
 * a second body as its party).
 */
describe('reading how a locality’s programmes are run, in one request', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  let make: RegistryFactory;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('governance-read');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    make = new RegistryFactory(api, coordinator);
  });
  afterAll(() => sharedApi.leave(api));

  async function partnership(members: number): Promise<string> {
    const locality = await make.locality();
    const organisations = await make.members(locality.id, members);
    const people = [];
    for (const o of organisations) people.push(await make.person(o.id));
    const ids = organisations.map((o) => o.id);
    const programme = await make.programme(locality.id, ids);

    const process = await api.ok(
      `mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`,
      { input: { localityId: locality.id, stages: [{ name: 'Programme coordinator', owner: 'Coordinator', timeLimitDays: 14 }] } },
      coordinator,
    );
    await api.ok(
      `mutation($input: AgreeConflictProcessInput!) { agreeConflictProcess(input: $input) { id } }`,
      { input: { processId: process.setConflictProcess.id } },
      coordinator,
    );
    await api.ok(
      `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
      {
        input: {
          localityId: locality.id,
          programmeId: programme.id,
          raisedByOrganisationId: ids[0],
          partyIds: ids.slice(1),
          category: 'DATA_SHARING',
          severity: 'HIGH',
          title: 'Shared case records',
          description: 'The bodies disagree on which case records may be shared.',
        },
      },
      coordinator,
    );

    for (const [i, title] of ['Chair', 'Data lead'].entries()) {
      const role = await api.ok(
        `mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`,
        {
          input: {
            programmeId: programme.id,
            title,
            requiredCompetencies: [
              { name: 'Programme management', minLevel: 3 },
              { name: 'Data protection', minLevel: 2 },
            ],
          },
        },
        coordinator,
      );
      await api.ok(
        `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`,
        { input: { roleId: role.defineRole.id, personId: people[i % people.length].id, selectionMethod: 'APPOINTED', rationale: 'Agreed at the board' } },
        coordinator,
      );
    }
    await api.ok(
      `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`,
      { input: { programmeId: programme.id, name: 'Referrals answered in 5 days', unit: '%', target: 80, direction: 'HIGHER_IS_BETTER' } },
      coordinator,
    );
    return locality.id;
  }

  async function read(localityId: string) {
    const before = StatementCounter.total;
    const data = await api.ok(GOVERNANCE, { id: localityId }, coordinator);
    return { data, statements: StatementCounter.total - before };
  }

  it('returns roles with fit, conflicts, the process and reviews with a statement count that does not grow with the members', async () => {
    const small = await read(await partnership(2));
    const large = await read(await partnership(40));

    const [programme] = large.data.locality.programmes;
    expect(programme.participants).toHaveLength(40);
    expect(programme.roles.map((r: { title: string }) => r.title).sort()).toEqual(['Chair', 'Data lead']);
    for (const role of programme.roles) {
      expect(role.vacantSince).toBeNull();
      // The factory's people hold Programme management at level 4 and no data protection.
      expect(role.holder.fit).toEqual({ score: 0.5, gaps: [{ competency: 'Data protection', requiredLevel: 2, heldLevel: null }] });
    }
    expect(programme.conflicts.nodes).toHaveLength(1);
    expect(programme.conflicts.nodes[0]).toMatchObject({ status: 'OPEN', severity: 'HIGH', title: 'Shared case records' });
    expect(programme.conflicts.nodes[0].parties).toHaveLength(39);
    expect(programme.applicableConflictProcess).toEqual({ version: 1 });
    expect(programme.measures).toEqual([{ name: 'Referrals answered in 5 days', latestValue: null, trend: expect.any(Object) }]);
    // Activating the programme scheduled its first review a cadence (90 days) ahead.
    expect(programme.nextReview.daysOverdue).toBe(0);
    expect(programme.openActions).toEqual([]);

    expect(large.statements).toBe(small.statements);
  });
});
