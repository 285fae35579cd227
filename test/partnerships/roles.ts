import { StatementCounter } from '@joinedup/database';
import { roleFit } from '@joinedup/roles';
import { ApiHarness, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const DEFINE = `mutation($input: DefineRoleInput!) {
  defineRole(input: $input) { id title responsibilities requiredForProgramme vacantSince requiredCompetencies { name minLevel } holder { id } }
}`;
const ASSIGN = `mutation($input: AssignRoleInput!) {
  assignRole(input: $input) {
    id selectionMethod rationale fitAtAssignment endedAt
    person { id fullName } organisation { id }
    fit { score met required gaps { competency requiredLevel heldLevel } }
  }
}`;
const VACATE = `mutation($input: VacateRoleInput!) { vacateRole(input: $input) { id endedAt endCause endReason endedByUserId } }`;
const ROLE = `query($id: ID!) {
  programmeRole(id: $id) {
    id title vacantSince retiredAt
    programme { id }
    holder { id person { id } selectionMethod fit { score } }
    history { id person { id } selectionMethod rationale assignedAt endedAt endCause endReason }
  }
}`;

const REQUIREMENTS = [
  { name: 'Programme management', minLevel: 4 },
  { name: 'Budgeting', minLevel: 3 },
  { name: 'Safeguarding', minLevel: 2 },
];

interface Partnership {
  localityId: string;
  programmeId: string;
  programmeName: string;
  organisationIds: string[];
}

describe('programme roles and role fit', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinatorUser: TestUser;
  let coordinator: string;
  let make: RegistryFactory;
  let today: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('roles');
    coordinatorUser = await api.newUser(tenant, 'COORDINATOR');
    coordinator = coordinatorUser.token;
    make = new RegistryFactory(api, coordinator);
    [{ today }] = await api.owner.query(`select current_date::text as today`);
  });
  afterAll(() => sharedApi.leave(api));

  async function partnership(members = 2, extra: Record<string, unknown> = {}): Promise<Partnership> {
    const locality = await make.locality();
    const organisations = await make.members(locality.id, members);
    const organisationIds = organisations.map((o) => o.id);
    const programme = await make.programme(locality.id, organisationIds, extra);
    return { localityId: locality.id, programmeId: programme.id, programmeName: programme.name, organisationIds };
  }

  async function person(organisationId: string, fullName: string, competencies: { name: string; level: number }[] = []) {
    const data = await api.ok(
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      { input: { organisationId, fullName, competencies } },
      coordinator,
    );
    return data.createPerson.id as string;
  }

  async function defineRole(programmeId: string, input: Record<string, unknown> = {}, token = coordinator) {
    const data = await api.ok(
      DEFINE,
      { input: { programmeId, title: 'Data lead', requiredCompetencies: REQUIREMENTS, requiredForProgramme: true, ...input } },
      token,
    );
    return data.defineRole;
  }

  const assign = (roleId: string, personId: string, selectionMethod = 'APPOINTED', rationale: string | null = 'Led the data work last year', token = coordinator) =>
    api.graphql(ASSIGN, { input: { roleId, personId, selectionMethod, rationale } }, token);

  const readRole = async (id: string) => (await api.ok(ROLE, { id }, coordinator)).programmeRole;
  const count = async (sql: string, params: unknown[]) => (await api.owner.query(sql, params))[0].n as number;

  it('defines a role with its requirements, vacant from the day it is created', async () => {
    const p = await partnership();
    const role = await defineRole(p.programmeId, {
      responsibilities: 'Keeps the shared data set and the data-sharing agreement',
      requiredCompetencies: [
        { name: 'Safeguarding', minLevel: 2 },
        { name: 'budgeting', minLevel: 3 },
      ],
    });
    expect(role).toMatchObject({
      title: 'Data lead',
      responsibilities: 'Keeps the shared data set and the data-sharing agreement',
      requiredForProgramme: true,
      vacantSince: today,
      holder: null,
      requiredCompetencies: [
        { name: 'budgeting', minLevel: 3 },
        { name: 'Safeguarding', minLevel: 2 },
      ],
    });
    const read = await api.ok(
      `query($id: ID!) { programme(id: $id) { roles { id title vacantSince holder { id } } } }`,
      { id: p.programmeId },
      coordinator,
    );
    expect(read.programme.roles).toEqual([{ id: role.id, title: 'Data lead', vacantSince: today, holder: null }]);

    const updated = await api.ok(
      `mutation($input: UpdateRoleInput!) { updateRole(input: $input) { title requiredForProgramme requiredCompetencies { name minLevel } } }`,
      { input: { roleId: role.id, title: 'Data and insight lead', requiredCompetencies: [{ name: 'Data analysis', minLevel: 3 }] } },
      coordinator,
    );
    expect(updated.updateRole).toEqual({
      title: 'Data and insight lead',
      requiredForProgramme: true,
      requiredCompetencies: [{ name: 'Data analysis', minLevel: 3 }],
    });
    const audit = await api.ok(
      `query($id: ID!) { auditEvents(entityType: "ROLE", entityId: $id, first: 10) { nodes { action } } }`,
      { id: role.id },
      coordinator,
    );
    expect(audit.auditEvents.nodes.map((n: { action: string }) => n.action)).toEqual(['role.defined', 'role.updated']);
    const events = await api.owner.query(
      `select type, payload from outbox_event where tenant_id = $1 and payload->>'roleId' = $2 order by created_at`,
      [tenant.id, role.id],
    );
    expect(events).toEqual([
      { type: 'roles.role_changed', payload: { programmeId: p.programmeId, localityId: p.localityId, roleId: role.id, change: 'DEFINED' } },
      { type: 'roles.role_changed', payload: { programmeId: p.programmeId, localityId: p.localityId, roleId: role.id, change: 'UPDATED' } },
    ]);
  });

  it('assigns a person with a fit score and gaps, computed in SQL like the pure rule', async () => {
    const p = await partnership();
    const partly = await person(p.organisationIds[0], 'Partly Fit', [
      { name: 'programme management', level: 5 },
      { name: 'Budgeting', level: 2 },
    ]);
    const role = await defineRole(p.programmeId);
    const result = await assign(role.id, partly, 'DEFAULTED', 'It is always the council’s head of service');
    expect(result.errors).toBeUndefined();
    const assignment = result.data!.assignRole;
    expect(assignment).toMatchObject({
      selectionMethod: 'DEFAULTED',
      rationale: 'It is always the council’s head of service',
      fitAtAssignment: 0.333,
      endedAt: null,
      person: { id: partly, fullName: 'Partly Fit' },
      organisation: { id: p.organisationIds[0] },
      fit: {
        met: 1,
        required: 3,
        gaps: [
          { competency: 'Budgeting', requiredLevel: 3, heldLevel: 2 },
          { competency: 'Safeguarding', requiredLevel: 2, heldLevel: null },
        ],
      },
    });
    expect(assignment.fit.score).toBeCloseTo(1 / 3, 10);
    expect((await readRole(role.id)).vacantSince).toBeNull();

    // All met, none held, no requirements: the SQL and the pure function agree for each.
    const full = await person(p.organisationIds[1], 'Full Fit', [
      { name: 'Programme management', level: 4 },
      { name: 'Budgeting', level: 3 },
      { name: 'Safeguarding', level: 5 },
    ]);
    const none = await person(p.organisationIds[1], 'No Fit', [{ name: 'Public speaking', level: 5 }]);
    const cases = [
      { title: 'Finance lead', personId: full, requirements: REQUIREMENTS, held: ['Programme management', 4, 'Budgeting', 3, 'Safeguarding', 5] },
      { title: 'Safeguarding lead', personId: none, requirements: REQUIREMENTS, held: ['Public speaking', 5] },
      { title: 'Note taker', personId: none, requirements: [], held: ['Public speaking', 5] },
    ];
    for (const c of cases) {
      const defined = await defineRole(p.programmeId, { title: c.title, requiredCompetencies: c.requirements });
      await api.ok(ASSIGN, { input: { roleId: defined.id, personId: c.personId, selectionMethod: 'OPEN_SELECTION' } }, coordinator);
    }
    const read = await api.ok(
      `query($id: ID!) { programme(id: $id) { roles { title holder { fit { score met required gaps { competency requiredLevel heldLevel } } } } } }`,
      { id: p.programmeId },
      coordinator,
    );
    const fits = Object.fromEntries(read.programme.roles.map((r: { title: string; holder: { fit: unknown } }) => [r.title, r.holder.fit]));
    for (const c of cases) {
      const held = [];
      for (let i = 0; i < c.held.length; i += 2) held.push({ name: c.held[i] as string, level: c.held[i + 1] as number });
      expect([c.title, fits[c.title]]).toEqual([c.title, roleFit(c.requirements, held)]);
    }
    expect(fits['Finance lead'].score).toBe(1);
    expect(fits['Safeguarding lead'].score).toBe(0);
    expect(fits['Note taker'].score).toBe(1);

    // The live fit follows the person's competencies; the fit at assignment stays as it was.
    await api.ok(
      `mutation($input: SetCompetenciesInput!) { setPersonCompetencies(input: $input) { id } }`,
      { input: { personId: partly, competencies: [{ name: 'Programme management', level: 5 }, { name: 'Budgeting', level: 3 }, { name: 'Safeguarding', level: 2 }] } },
      coordinator,
    );
    const now = await api.ok(`query($id: ID!) { programmeRole(id: $id) { holder { fitAtAssignment fit { score gaps { competency } } } } }`, { id: role.id }, coordinator);
    expect(now.programmeRole.holder).toEqual({ fitAtAssignment: 0.333, fit: { score: 1, gaps: [] } });
  });

  it('reads a programme’s roles, holders and fit with the same number of statements for 1 and 12 roles', async () => {
    const query = `query($id: ID!) { programme(id: $id) { roles { title requiredCompetencies { name } holder { person { fullName } organisation { name } fit { score gaps { competency heldLevel } } } history { id } } } }`;
    const statementsFor = async (roles: number) => {
      const p = await partnership(3);
      for (let i = 0; i < roles; i++) {
        const role = await defineRole(p.programmeId, { title: `Role ${i}` });
        const holder = await person(p.organisationIds[i % 3], `Holder ${i}`, [{ name: 'Budgeting', level: (i % 5) + 1 }]);
        await api.ok(ASSIGN, { input: { roleId: role.id, personId: holder, selectionMethod: 'OPEN_SELECTION' } }, coordinator);
      }
      const before = StatementCounter.total;
      const data = await api.ok(query, { id: p.programmeId }, coordinator);
      return { data, statements: StatementCounter.total - before };
    };
    const small = await statementsFor(1);
    const large = await statementsFor(12);
    expect(large.data.programme.roles).toHaveLength(12);
    expect(large.data.programme.roles.every((r: { holder: { fit: { score: number } } }) => r.holder.fit.score >= 0)).toBe(true);
    expect(large.statements).toBe(small.statements);
  });

  it('vacates with a reason, reassigns, and keeps the history of holders', async () => {
    const p = await partnership();
    const first = await person(p.organisationIds[0], 'First Holder');
    const second = await person(p.organisationIds[1], 'Second Holder');
    const third = await person(p.organisationIds[1], 'Third Holder');
    const role = await defineRole(p.programmeId, { requiredCompetencies: [] });
    const assigned = (await assign(role.id, first)).data!.assignRole;

    const taken = await assign(role.id, second);
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(taken.errors?.[0].message).toBe('"Data lead" is held by First Holder; vacate it first (with a reason) to assign someone else.');

    const noReason = await api.graphql(VACATE, { input: { roleId: role.id, reason: '  ' } }, coordinator);
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    const vacated = await api.ok(VACATE, { input: { roleId: role.id, reason: 'Moved to a national post' } }, coordinator);
    expect(vacated.vacateRole).toMatchObject({
      id: assigned.id,
      endCause: 'VACATED',
      endReason: 'Moved to a national post',
      endedByUserId: coordinatorUser.id,
    });
    expect(vacated.vacateRole.endedAt).not.toBeNull();
    expect((await readRole(role.id)).vacantSince).toBe(today);
    const again = await api.graphql(VACATE, { input: { roleId: role.id, reason: 'Twice' } }, coordinator);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0].message).toBe('"Data lead" has no holder to vacate.');

    const reassigned = await assign(role.id, second, 'OPEN_SELECTION', null);
    expect(reassigned.data?.assignRole.rationale).toBeNull();
    // Vacate and reassign in one operation: both or neither.
    await api.ok(
      `mutation($v: VacateRoleInput!, $a: AssignRoleInput!) { vacateRole(input: $v) { id } assignRole(input: $a) { id } }`,
      {
        v: { roleId: role.id, reason: 'Handed over to a colleague' },
        a: { roleId: role.id, personId: third, selectionMethod: 'APPOINTED', rationale: 'Deputy for a year' },
      },
      coordinator,
    );
    const read = await readRole(role.id);
    expect(read.vacantSince).toBeNull();
    expect(read.holder.person.id).toBe(third);
    expect(read.history.map((h: { person: { id: string }; endCause: string | null; endReason: string | null }) => [h.person.id, h.endCause, h.endReason])).toEqual([
      [first, 'VACATED', 'Moved to a national post'],
      [second, 'VACATED', 'Handed over to a colleague'],
      [third, null, null],
    ]);
    const events = await api.owner.query(
      `select payload->>'change' as change, payload->>'endCause' as cause from outbox_event
        where tenant_id = $1 and type = 'roles.assignment_changed' and payload->>'roleId' = $2 order by created_at, payload->>'change' desc`,
      [tenant.id, role.id],
    );
    expect(events.map((e: { change: string; cause: string | null }) => `${e.change}${e.cause ? `:${e.cause}` : ''}`)).toEqual([
      'ASSIGNED',
      'ENDED:VACATED',
      'ASSIGNED',
      'ENDED:VACATED',
      'ASSIGNED',
    ]);
  });

  it('gives a role to exactly one of two people assigned at the same moment', async () => {
    const p = await partnership();
    const role = await defineRole(p.programmeId, { requiredCompetencies: [] });
    const people = [await person(p.organisationIds[0], 'Racer One'), await person(p.organisationIds[1], 'Racer Two')];
    const results = await Promise.all(people.map((id) => assign(role.id, id)));
    expect(results.filter((r) => r.data?.assignRole)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['CONFLICT']);
    expect(await count(`select count(*)::int as n from role_assignment where role_id = $1`, [role.id])).toBe(1);

    // The database itself refuses a second current holder.
    const second = api.owner.query(
      `insert into role_assignment (tenant_id, programme_id, role_id, person_id, organisation_id, selection_method, fit_at_assignment, assigned_by_user_id)
       select tenant_id, programme_id, role_id, $2, organisation_id, 'OPEN_SELECTION', 1, assigned_by_user_id from role_assignment where role_id = $1`,
      [role.id, people[0]],
    );
    await expect(second).rejects.toThrow(/role_assignment_current_key/);
  });

  it('ends assignments when the holder’s organisation leaves the programme or the locality', async () => {
    const p = await partnership(3);
    const leaverA = await person(p.organisationIds[0], 'Leaver A');
    const leaverB = await person(p.organisationIds[1], 'Leaver B');
    const stayer = await person(p.organisationIds[2], 'Stayer');
    const [roleA, roleB, roleC] = [
      await defineRole(p.programmeId, { title: 'Chair' }),
      await defineRole(p.programmeId, { title: 'Finance lead' }),
      await defineRole(p.programmeId, { title: 'Comms lead' }),
    ];
    await assign(roleA.id, leaverA);
    await assign(roleB.id, leaverB);
    await assign(roleC.id, stayer);
    const other = await make.programme(p.localityId, [p.organisationIds[1]]);
    const otherRole = await defineRole(other.id);
    await assign(otherRole.id, leaverB);

    await api.ok(
      `mutation($input: ProgrammeParticipantInput!) { removeProgrammeParticipant(input: $input) { id } }`,
      { input: { programmeId: p.programmeId, organisationId: p.organisationIds[0] } },
      coordinator,
    );
    const a = await readRole(roleA.id);
    expect(a.holder).toBeNull();
    expect(a.vacantSince).toBe(today);
    expect(a.history[0]).toMatchObject({ endCause: 'ORGANISATION_LEFT', endReason: 'The organisation left the programme.' });
    expect((await readRole(roleB.id)).holder.person.id).toBe(leaverB);

    // Leaving the locality leaves its programmes (registry trigger), which ends the roles there.
    await api.ok(
      `mutation($input: RecordMemberLeftInput!) { recordMemberLeft(input: $input) { id } }`,
      { input: { localityId: p.localityId, organisationId: p.organisationIds[1] } },
      coordinator,
    );
    for (const id of [roleB.id, otherRole.id]) {
      const role = await readRole(id);
      expect([role.holder, role.vacantSince, role.history[0].endCause]).toEqual([null, today, 'ORGANISATION_LEFT']);
    }
    expect((await readRole(roleC.id)).holder.person.id).toBe(stayer);

    const events = await api.owner.query(
      `select payload from outbox_event where tenant_id = $1 and type = 'roles.assignment_changed' and payload->>'endCause' = 'ORGANISATION_LEFT'
        and payload->>'roleId' = any($2::text[])`,
      [tenant.id, [roleA.id, roleB.id, otherRole.id]],
    );
    expect(events).toHaveLength(3);
    expect(events.find((e: { payload: { roleId: string } }) => e.payload.roleId === roleA.id).payload).toMatchObject({
      programmeId: p.programmeId,
      localityId: p.localityId,
      personId: leaverA,
      change: 'ENDED',
    });
    const audit = await api.ok(
      `query($id: ID!) { auditEvents(entityType: "ROLE_ASSIGNMENT", entityId: $id, first: 10) { nodes { action actorUserId after } } }`,
      { id: a.history[0].id },
      coordinator,
    );
    expect(audit.auditEvents.nodes.map((n: { action: string }) => n.action)).toEqual(['role_assignment.created', 'role_assignment.ended']);
    expect(audit.auditEvents.nodes[1]).toMatchObject({ actorUserId: coordinatorUser.id, after: { endCause: 'ORGANISATION_LEFT' } });
  });

  it('retires a role: its holder stops, it leaves the list, its title can be used again', async () => {
    const p = await partnership();
    const holder = await person(p.organisationIds[0], 'Retiring Holder');
    const role = await defineRole(p.programmeId);
    await assign(role.id, holder);
    const retired = await api.ok(
      `mutation($input: RetireRoleInput!) { retireRole(input: $input) { retiredAt retireReason vacantSince holder { id } history { endCause endReason } } }`,
      { input: { roleId: role.id, reason: 'Merged into the board secretary' } },
      coordinator,
    );
    expect(retired.retireRole).toMatchObject({
      retireReason: 'Merged into the board secretary',
      vacantSince: today,
      holder: null,
      history: [{ endCause: 'ROLE_RETIRED', endReason: 'Merged into the board secretary' }],
    });
    const assignRetired = await assign(role.id, holder);
    expect(codeOf(assignRetired)).toBe('CONFLICT');
    expect(assignRetired.errors?.[0].message).toMatch(/has been retired/);
    const lists = await api.ok(
      `query($id: ID!) { programme(id: $id) { current: roles { id } all: roles(includeRetired: true) { id retiredAt } } }`,
      { id: p.programmeId },
      coordinator,
    );
    expect(lists.programme.current).toEqual([]);
    expect(lists.programme.all).toHaveLength(1);
    expect((await defineRole(p.programmeId)).id).not.toBe(role.id);
  });

  it('lists the roles a person holds in active programmes', async () => {
    const active = await partnership(1);
    const holder = await person(active.organisationIds[0], 'Busy Person');
    const chair = await defineRole(active.programmeId, { title: 'Chair' });
    const finance = await defineRole(active.programmeId, { title: 'Finance lead', requiredCompetencies: [] });
    await assign(chair.id, holder);
    await assign(finance.id, holder);
    const ended = await defineRole(active.programmeId, { title: 'Former role' });
    await assign(ended.id, holder);
    await api.ok(VACATE, { input: { roleId: ended.id, reason: 'Done' } }, coordinator);
    const draft = await make.programme(active.localityId, active.organisationIds, { status: 'DRAFT' });
    await assign((await defineRole(draft.id, { title: 'Draft role' })).id, holder);
    const closing = await make.programme(active.localityId, active.organisationIds);
    await assign((await defineRole(closing.id, { title: 'Closed role' })).id, holder);
    await api.ok(`mutation($id: ID!) { updateProgramme(input: { programmeId: $id, status: CLOSED }) { id } }`, { id: closing.id }, coordinator);

    const read = await api.ok(
      `query($id: ID!) { person(id: $id) { rolesHeld { role { title programme { id status } } fit { score } } } }`,
      { id: holder },
      coordinator,
    );
    expect(read.person.rolesHeld).toEqual([
      { role: { title: 'Chair', programme: { id: active.programmeId, status: 'ACTIVE' } }, fit: { score: 0 } },
      { role: { title: 'Finance lead', programme: { id: active.programmeId, status: 'ACTIVE' } }, fit: { score: 1 } },
    ]);
  });

  it('lets member representatives read the roles of their own localities only, and change none; reviewers read', async () => {
    const p = await partnership();
    const holder = await person(p.organisationIds[0], 'Visible Holder');
    const role = await defineRole(p.programmeId);
    await assign(role.id, holder);
    const rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', p.organisationIds[1]);
    const elsewhere = await partnership(1);
    const outsider = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', elsewhere.organisationIds[0]);
    const reviewer = await api.newUser(tenant, 'REVIEWER');

    const own = await api.ok(
      `query($id: ID!) { programme(id: $id) { roles { title holder { person { fullName } fit { score } } } } }`,
      { id: p.programmeId },
      rep.token,
    );
    expect(own.programme.roles[0].holder.person.fullName).toBe('Visible Holder');
    expect((await api.ok(ROLE, { id: role.id }, rep.token)).programmeRole.id).toBe(role.id);
    expect((await api.ok(ROLE, { id: role.id }, reviewer.token)).programmeRole.holder.person.id).toBe(holder);

    const hidden = await api.graphql(ROLE, { id: role.id }, outsider.token);
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message).toBe('The role was not found.');
    const theirPerson = await api.ok(`query($id: ID!) { person(id: $id) { rolesHeld { id } } }`, { id: holder }, outsider.token);
    expect(theirPerson.person.rolesHeld).toEqual([]);
    const ownPerson = await api.ok(`query($id: ID!) { person(id: $id) { rolesHeld { id } } }`, { id: holder }, rep.token);
    expect(ownPerson.person.rolesHeld).toHaveLength(1);

    const other = await person(p.organisationIds[1], 'Rep Colleague');
    const attempts = [
      api.graphql(DEFINE, { input: { programmeId: p.programmeId, title: 'Rep role' } }, rep.token),
      api.graphql(`mutation($input: UpdateRoleInput!) { updateRole(input: $input) { id } }`, { input: { roleId: role.id, title: 'Renamed' } }, rep.token),
      api.graphql(`mutation($input: RetireRoleInput!) { retireRole(input: $input) { id } }`, { input: { roleId: role.id } }, reviewer.token),
      api.graphql(VACATE, { input: { roleId: role.id, reason: 'Not mine to vacate' } }, rep.token),
      assign(role.id, other, 'APPOINTED', 'Because', reviewer.token),
    ];
    expect((await Promise.all(attempts)).map(codeOf)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const read = await readRole(role.id);
    expect([read.title, read.holder.person.id, read.history.length]).toEqual(['Data lead', holder, 1]);

    const audit = await api.graphql(
      `query($id: ID!) { auditEvents(entityType: "ROLE", entityId: $id, first: 5) { nodes { action } } }`,
      { id: role.id },
      rep.token,
    );
    expect(codeOf(audit)).toBe('FORBIDDEN');
    const reviewed = await api.ok(
      `query($id: ID!) { auditEvents(entityType: "ROLE", entityId: $id, first: 5) { nodes { action } } }`,
      { id: role.id },
      reviewer.token,
    );
    expect(reviewed.auditEvents.nodes).toHaveLength(1);
  });

  it('refuses bad input with the field at fault, saving nothing', async () => {
    const p = await partnership();
    const insider = await person(p.organisationIds[0], 'Insider');
    const outsiderBody = await make.organisation('BUSINESS');
    const outsider = await person(outsiderBody.id, 'Outsider');
    const role = await defineRole(p.programmeId);
    const roles = () => count(`select count(*)::int as n from programme_role where programme_id = $1`, [p.programmeId]);
    const define = (input: Record<string, unknown>) =>
      api.graphql(DEFINE, { input: { programmeId: p.programmeId, title: 'Another role', ...input } }, coordinator);

    const tooMany = Array.from({ length: 21 }, (_, i) => ({ name: `Competency ${i}`, minLevel: 1 }));
    const refusals = {
      levelSix: await define({ requiredCompetencies: [{ name: 'Budgeting', minLevel: 6 }] }),
      levelZero: await define({ requiredCompetencies: [{ name: 'Budgeting', minLevel: 0 }] }),
      tooMany: await define({ requiredCompetencies: tooMany }),
      twice: await define({ requiredCompetencies: [{ name: 'Budgeting', minLevel: 2 }, { name: 'BUDGETING', minLevel: 3 }] }),
      emptyTitle: await define({ title: ' ' }),
      longTitle: await define({ title: 'x'.repeat(201) }),
      longText: await define({ responsibilities: 'x'.repeat(4001) }),
      badId: await api.graphql(DEFINE, { input: { programmeId: 'nope', title: 'X' } }, coordinator),
    };
    for (const [name, result] of Object.entries(refusals)) expect([name, codeOf(result)]).toEqual([name, 'BAD_USER_INPUT']);
    expect(refusals.levelSix.errors?.[0].message).toMatch(/minLevel must be from 1 to 5/);
    expect(refusals.twice.errors?.[0].extensions.field).toBe('requiredCompetencies');
    const sameTitle = await define({ title: 'DATA LEAD' });
    expect(codeOf(sameTitle)).toBe('CONFLICT');
    expect(sameTitle.errors?.[0].message).toBe(`${p.programmeName} already has a role titled "DATA LEAD".`);
    expect(await roles()).toBe(1);

    const noRationale = await assign(role.id, insider, 'APPOINTED', null);
    expect(codeOf(noRationale)).toBe('BAD_USER_INPUT');
    expect(noRationale.errors?.[0].extensions.field).toBe('rationale');
    expect(codeOf(await assign(role.id, insider, 'DEFAULTED', '   '))).toBe('BAD_USER_INPUT');
    const notTakingPart = await assign(role.id, outsider);
    expect(codeOf(notTakingPart)).toBe('BAD_USER_INPUT');
    expect(notTakingPart.errors?.[0].message).toBe(`Outsider does not work for an organisation taking part in ${p.programmeName}.`);
    expect(codeOf(await assign(role.id, insider, 'CHOSEN_BY_LOT'))).toBe('BAD_USER_INPUT');
    const longRationale = await assign(role.id, insider, 'APPOINTED', 'x'.repeat(2001));
    expect(codeOf(longRationale)).toBe('BAD_USER_INPUT');
    expect(await count(`select count(*)::int as n from role_assignment where role_id = $1`, [role.id])).toBe(0);

    // The database refuses a rationale-less appointment and a holder from outside, whatever the code does.
    const [{ id: userId }] = await api.owner.query(`select id from app_user where tenant_id = $1 limit 1`, [tenant.id]);
    const insert = (personId: string, method: string) =>
      api.owner.query(
        `insert into role_assignment (tenant_id, programme_id, role_id, person_id, organisation_id, selection_method, fit_at_assignment, assigned_by_user_id)
         select tenant_id, programme_id, id, $2, $3, $4, 1, $5 from programme_role where id = $1`,
        [role.id, personId, p.organisationIds[0], method, userId],
      );
    await expect(insert(insider, 'APPOINTED')).rejects.toThrow(/role_assignment_rationale/);
    await expect(insert(outsider, 'OPEN_SELECTION')).rejects.toThrow(/does not take part/);

    await api.ok(`mutation($id: ID!) { updateProgramme(input: { programmeId: $id, status: CLOSED }) { id } }`, { id: p.programmeId }, coordinator);
    const closed = await assign(role.id, insider);
    expect(codeOf(closed)).toBe('CONFLICT');
    expect(closed.errors?.[0].message).toMatch(/is closed/);
    expect(codeOf(await define({ title: 'Late role' }))).toBe('CONFLICT');
    expect(await roles()).toBe(1);
  });
});
