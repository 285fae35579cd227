import { RulesPartnership, noonOf } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';

const DEFINE = `mutation($input: DefineRoleInput!) { defineRole(input: $input) { id vacantSince } }`;
const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id assignedAt } }`;
const VACATE = `mutation($input: VacateRoleInput!) { vacateRole(input: $input) { id } }`;
const SET_COMPETENCIES = `mutation($input: SetCompetenciesInput!) { setPersonCompetencies(input: $input) { id } }`;

type Competency = { name: string; level: number };
type Requirement = { name: string; minLevel: number };

describe('governance rules: role fit', () => {
  let { api, coordinator, probe, make, locality, org } = {} as RulesPartnership<'A' | 'B'>;
  const programme = { one: '', two: '' };
  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org } = await RulesPartnership.start('rules-role-fit', { bodies: ['A', 'B'] }));
    programme.one = (await make.programme(locality.id, [org.A, org.B])).id;
    programme.two = (await make.programme(locality.id, [org.A, org.B])).id;
  });
  afterAll(() => sharedApi.leave(api));

  const defineRole = async (programmeId: string, extra: { requiredForProgramme?: boolean; requiredCompetencies?: Requirement[] } = {}) =>
    (await api.ok(DEFINE, { input: { programmeId, title: `Role ${Math.random().toString(36).slice(2, 8)}`, ...extra } }, coordinator))
      .defineRole as { id: string; vacantSince: string };
  const assign = async (roleId: string, personId: string, selectionMethod = 'OPEN_SELECTION', rationale: string | null = null) =>
    (await api.ok(ASSIGN, { input: { roleId, personId, selectionMethod, rationale } }, coordinator)).assignRole as { id: string; assignedAt: string };
  const vacate = (roleId: string) => api.ok(VACATE, { input: { roleId, reason: 'Moved on to other work.' } }, coordinator);
  const setCompetencies = (personId: string, competencies: Competency[]) =>
    api.ok(SET_COMPETENCIES, { input: { personId, competencies } }, coordinator);
  const resolvedFlag = async (ruleCode: string, subjectId: string) =>
    (await probe.flags(ruleCode, { all: true })).find((f) => f.subjectId === subjectId && f.state === 'RESOLVED');

  describe('ROLE_VACANT', () => {
    it('raises for a required role empty more than 30 days, not at 30 nor for a role not required, and resolves once filled', async () => {
      const required = await defineRole(programme.one, { requiredForProgramme: true });
      const optional = await defineRole(programme.one);
      // vacantSince is a date: judge at noon UTC of the day `days` after it.
      const after = (days: number) => noonOf(required.vacantSince, days);

      await probe.scan(after(30), locality.id);
      expect(await probe.flagAbout('ROLE_VACANT', required.id)).toBeUndefined();

      await probe.scan(after(31), locality.id);
      const flag = await probe.flagAbout('ROLE_VACANT', required.id);
      expect(flag).toMatchObject({
        barrier: 'ROLE_FIT',
        subjectType: 'ROLE',
        severity: 'MEDIUM',
        localityId: locality.id,
        programmeId: programme.one,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({ roleId: required.id, vacantSince: required.vacantSince });
      expect(flag?.message).toContain('31 days');
      expect(await probe.flagAbout('ROLE_VACANT', optional.id)).toBeUndefined();

      const holder = await make.person(org.A);
      await assign(required.id, holder.id);
      await probe.scan(after(31), locality.id);
      expect(await probe.flagAbout('ROLE_VACANT', required.id)).toBeUndefined();
      expect(await resolvedFlag('ROLE_VACANT', required.id)).toMatchObject({ resolvedAt: expect.any(Date) });
    });
  });

  describe('ROLE_LOW_FIT', () => {
    it('raises when the holder meets under 0.6 of the required competencies, not at 0.6, and resolves when they gain them', async () => {
      const role = await defineRole(programme.one, {
        requiredCompetencies: ['Budgeting', 'Commissioning', 'Data sharing', 'Safeguarding', 'Procurement'].map((name) => ({ name, minLevel: 3 })),
      });
      const holder = await make.person(org.B);
      // Names match case-insensitively, as the API's fit does: 3 of 5 met is a fit of exactly 0.6.
      await setCompetencies(holder.id, [
        { name: 'budgeting', level: 3 },
        { name: 'Commissioning', level: 5 },
        { name: 'Data sharing', level: 3 },
      ]);
      const assignment = await assign(role.id, holder.id);
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('ROLE_LOW_FIT', role.id)).toBeUndefined();

      // Commissioning drops below the level required: 2 of 5.
      await setCompetencies(holder.id, [
        { name: 'budgeting', level: 3 },
        { name: 'Commissioning', level: 2 },
        { name: 'Data sharing', level: 3 },
      ]);
      await probe.scan(new Date(), locality.id);
      const flag = await probe.flagAbout('ROLE_LOW_FIT', role.id);
      expect(flag).toMatchObject({
        barrier: 'ROLE_FIT',
        subjectType: 'ROLE',
        severity: 'MEDIUM',
        localityId: locality.id,
        programmeId: programme.one,
        organisationId: org.B,
      });
      expect(flag?.evidence).toEqual({
        roleId: role.id,
        assignmentId: assignment.id,
        personId: holder.id,
        unmetCompetencies: [
          { competency: 'Commissioning', requiredLevel: 3, heldLevel: 2 },
          { competency: 'Procurement', requiredLevel: 3, heldLevel: null },
          { competency: 'Safeguarding', requiredLevel: 3, heldLevel: null },
        ],
      });
      expect(flag?.message).toContain('2 of its 5');

      await setCompetencies(holder.id, [
        { name: 'budgeting', level: 3 },
        { name: 'Commissioning', level: 3 },
        { name: 'Data sharing', level: 3 },
        { name: 'Safeguarding', level: 4 },
      ]);
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('ROLE_LOW_FIT', role.id)).toBeUndefined();
      expect(await resolvedFlag('ROLE_LOW_FIT', role.id)).toBeDefined();
    });
  });

  describe('ROLE_NO_SELECTION_RATIONALE', () => {
    it('raises for a role held by default, not for one appointed with a reason, and resolves once the holder is chosen openly', async () => {
      const defaulted = await defineRole(programme.one);
      const appointed = await defineRole(programme.one);
      const [first, second, chosen] = [await make.person(org.B), await make.person(org.A), await make.person(org.A)];
      const assignment = await assign(defaulted.id, first.id, 'DEFAULTED', 'The lead body’s head of service, as usual.');
      await assign(appointed.id, second.id, 'APPOINTED', 'The only analyst with the data-sharing agreement in hand.');

      await probe.scan(new Date(), locality.id);
      const flag = await probe.flagAbout('ROLE_NO_SELECTION_RATIONALE', defaulted.id);
      expect(flag).toMatchObject({
        barrier: 'ROLE_FIT',
        subjectType: 'ROLE',
        severity: 'LOW',
        localityId: locality.id,
        programmeId: programme.one,
        organisationId: org.B,
      });
      expect(flag?.evidence).toEqual({
        roleId: defaulted.id,
        assignmentId: assignment.id,
        personId: first.id,
        selectionMethod: 'DEFAULTED',
        assignedAt: expect.any(String),
      });
      expect(new Date(flag?.evidence.assignedAt).getTime()).toBe(new Date(assignment.assignedAt).getTime());
      expect(await probe.flagAbout('ROLE_NO_SELECTION_RATIONALE', appointed.id)).toBeUndefined();

      await vacate(defaulted.id);
      await assign(defaulted.id, chosen.id, 'OPEN_SELECTION');
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('ROLE_NO_SELECTION_RATIONALE', defaulted.id)).toBeUndefined();
      expect(await resolvedFlag('ROLE_NO_SELECTION_RATIONALE', defaulted.id)).toBeDefined();
    });
  });

  describe('ROLE_OVERLOAD', () => {
    it('raises in a full scan for a person holding 4 roles across active programmes, not 3, and resolves when one is vacated', async () => {
      const busy = await make.person(org.A);
      const roles = [
        await defineRole(programme.one),
        await defineRole(programme.one),
        await defineRole(programme.two),
        await defineRole(programme.two),
      ];
      const assignments: { id: string }[] = [];
      for (const role of roles.slice(0, 3)) assignments.push(await assign(role.id, busy.id));
      await probe.scan(new Date());
      expect(await probe.flagAbout('ROLE_OVERLOAD', busy.id)).toBeUndefined();

      assignments.push(await assign(roles[3].id, busy.id));
      await probe.scan(new Date());
      const flag = await probe.flagAbout('ROLE_OVERLOAD', busy.id);
      // A person's roles span localities and programmes: the flag is the person's, in neither.
      expect(flag).toMatchObject({
        barrier: 'ROLE_FIT',
        subjectType: 'PERSON',
        severity: 'MEDIUM',
        localityId: null,
        programmeId: null,
        organisationId: org.A,
      });
      expect(flag?.evidence.personId).toBe(busy.id);
      expect(flag?.evidence.assignments).toEqual(
        roles.map((role, i) => ({
          assignmentId: assignments[i].id,
          roleId: role.id,
          programmeId: i < 2 ? programme.one : programme.two,
          assignedAt: expect.any(String),
        })),
      );
      expect(flag?.message).toContain('4 roles across 2 active programmes');

      await vacate(roles[0].id);
      await probe.scan(new Date());
      expect(await probe.flagAbout('ROLE_OVERLOAD', busy.id)).toBeUndefined();
      expect(await resolvedFlag('ROLE_OVERLOAD', busy.id)).toBeDefined();
    });
  });
});
