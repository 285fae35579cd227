import { randomUUID } from 'node:crypto';
import { ApiHarness, TestTenant, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

interface Probe {
  name: string;
  query: string;
  /** Which of tenant B's records the probe aims at. */
  target: string;
  variables: (id: string) => Record<string, unknown>;
}

describe('programme roles: isolation between tenants', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let aCoordinator: string;
  const aIds: Record<string, string> = {};
  const b: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    a = await api.newTenant('roles-iso-a');
    const tenantB = await api.newTenant('roles-iso-b');

    aCoordinator = (await api.newUser(a, 'COORDINATOR')).token;
    const makeA = new RegistryFactory(api, aCoordinator);
    aIds.locality = (await makeA.locality()).id;
    const [aOrganisation] = await makeA.members(aIds.locality, 1);
    aIds.person = (await makeA.person(aOrganisation.id)).id;
    aIds.programme = (await makeA.programme(aIds.locality, [aOrganisation.id])).id;
    aIds.role = (
      await api.ok(
        `mutation($id: ID!) { defineRole(input: { programmeId: $id, title: "A's role" }) { id } }`,
        { id: aIds.programme },
        aCoordinator,
      )
    ).defineRole.id;

    const bCoordinator = (await api.newUser(tenantB, 'COORDINATOR')).token;
    const makeB = new RegistryFactory(api, bCoordinator);
    b.locality = (await makeB.locality()).id;
    const [bOrganisation] = await makeB.members(b.locality, 1);
    b.person = (await makeB.person(bOrganisation.id)).id;
    b.programme = (await makeB.programme(b.locality, [bOrganisation.id])).id;
    b.role = (
      await api.ok(
        `mutation($id: ID!) { defineRole(input: { programmeId: $id, title: "B's role", requiredCompetencies: [{ name: "Budgeting", minLevel: 3 }] }) { id } }`,
        { id: b.programme },
        bCoordinator,
      )
    ).defineRole.id;
    b.assignment = (
      await api.ok(
        `mutation($role: ID!, $person: ID!) { assignRole(input: { roleId: $role, personId: $person, selectionMethod: OPEN_SELECTION }) { id } }`,
        { role: b.role, person: b.person },
        bCoordinator,
      )
    ).assignRole.id;
  });
  afterAll(() => sharedApi.leave(api));

  const probes: Probe[] = [
    { name: 'programmeRole', target: 'role', query: `query($id: ID!) { programmeRole(id: $id) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'defineRole',
      target: 'programme',
      query: `mutation($id: ID!) { defineRole(input: { programmeId: $id, title: "Spy role" }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'updateRole',
      target: 'role',
      query: `mutation($id: ID!) { updateRole(input: { roleId: $id, title: "Taken", requiredCompetencies: [] }) { id } }`,
      variables: (id) => ({ id }),
    },
    { name: 'retireRole', target: 'role', query: `mutation($id: ID!) { retireRole(input: { roleId: $id }) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'assignRole (their role)',
      target: 'role',
      query: `mutation($id: ID!, $person: ID!) { assignRole(input: { roleId: $id, personId: $person, selectionMethod: OPEN_SELECTION }) { id } }`,
      variables: (id) => ({ id, person: aIds.person }),
    },
    {
      name: 'assignRole (their person)',
      target: 'person',
      query: `mutation($id: ID!, $role: ID!) { assignRole(input: { roleId: $role, personId: $id, selectionMethod: OPEN_SELECTION }) { id } }`,
      variables: (id) => ({ id, role: aIds.role }),
    },
    {
      name: 'vacateRole',
      target: 'role',
      query: `mutation($id: ID!) { vacateRole(input: { roleId: $id, reason: "Spying" }) { id } }`,
      variables: (id) => ({ id }),
    },
  ];

  it.each(probes.map((p) => [p.name, p] as const))('%s: another tenant’s id reads exactly like an unknown one', async (_name, probe) => {
    const theirs = await api.graphql(probe.query, probe.variables(b[probe.target]), aCoordinator);
    const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), aCoordinator);
    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
  });

  it('shows nothing of the other tenant’s roles or holders, and nothing of them changed', async () => {
    const read = await api.ok(
      `query($programme: ID!, $person: ID!, $role: ID!, $assignment: ID!) {
        programme(id: $programme) { roles(includeRetired: true) { id } }
        person(id: $person) { rolesHeld { id } }
        roleAudit: auditEvents(entityType: "ROLE", entityId: $role, first: 10) { nodes { id } }
        assignmentAudit: auditEvents(entityType: "ROLE_ASSIGNMENT", entityId: $assignment, first: 10) { nodes { id } }
      }`,
      { programme: aIds.programme, person: aIds.person, role: b.role, assignment: b.assignment },
      aCoordinator,
    );
    expect(read.programme.roles.map((r: { id: string }) => r.id)).toEqual([aIds.role]);
    expect(read.person.rolesHeld).toEqual([]);
    expect(read.roleAudit.nodes).toEqual([]);
    expect(read.assignmentAudit.nodes).toEqual([]);

    const [role] = await api.owner.query(`select title, retired_at, vacant_since from programme_role where id = $1`, [b.role]);
    expect(role).toEqual({ title: "B's role", retired_at: null, vacant_since: null });
    const assignments = await api.owner.query(`select id, ended_at from role_assignment where role_id = $1`, [b.role]);
    expect(assignments).toEqual([{ id: b.assignment, ended_at: null }]);
    const competencies = await api.owner.query(`select name from programme_role_competency where role_id = $1`, [b.role]);
    expect(competencies).toEqual([{ name: 'Budgeting' }]);
    const spies = await api.owner.query(`select count(*)::int as n from programme_role where title = 'Spy role'`);
    expect(spies[0].n).toBe(0);
  });
});
