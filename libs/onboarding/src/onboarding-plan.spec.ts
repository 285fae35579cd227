import { Sector } from '@joinedup/registry';
import { checkRows, competenciesOf, sectorOf } from './onboarding-rows';
import { RegistrySnapshot, planOnboarding } from './onboarding-plan';
import { BODIES_SHEET, PEOPLE_SHEET, SheetRows } from './onboarding-sheet';

const body = (row: number, cells: Record<string, string>) => ({ sheet: BODIES_SHEET, row, cells }) as const;
const person = (row: number, cells: Record<string, string>) => ({ sheet: PEOPLE_SHEET, row, cells }) as const;

const FILE: SheetRows = {
  bodies: [
    body(2, { Name: 'Gateshead Council', Sector: 'Local authority', 'External reference': 'E08000037' }),
    body(3, { Name: 'Tyne Housing', Sector: 'housing' }),
  ],
  people: [
    person(2, { Name: 'Priya Shah', Email: 'priya@example.org', Body: 'e08000037', Competencies: 'commissioning: 5; Data analysis: 3', 'Represents their body': 'Yes' }),
    person(3, { Name: 'Tom Reed', 'Job title': 'Manager', Email: 'tom@example.org', Body: 'Tyne Housing' }),
  ],
};

const EMPTY: RegistrySnapshot = {
  locality: { id: 'loc', name: 'Gateshead', archived: false, activeMemberIds: [] },
  organisations: [],
  people: [],
  competencyNames: ['Commissioning', 'Data analysis'],
};

describe('checking rows', () => {
  it('reads sectors as written or as codes', () => {
    expect([sectorOf('Local authority'), sectorOf('FIRE_AND_RESCUE'), sectorOf('fire & rescue'), sectorOf('Charity')]).toEqual([
      Sector.LOCAL_AUTHORITY,
      Sector.FIRE_AND_RESCUE,
      Sector.FIRE_AND_RESCUE,
      undefined,
    ]);
  });

  it('reads competencies as "name: level" separated by semicolons', () => {
    expect(competenciesOf('Commissioning: 5; Data analysis:3;')).toEqual({ competencies: [{ name: 'Commissioning', level: 5 }, { name: 'Data analysis', level: 3 }] });
    expect(competenciesOf('Commissioning 5').problem).toMatch(/as a name and a level from 1 to 5/);
    expect(competenciesOf('Commissioning: 6').problem).toBe('Give "Commissioning" a level from 1 to 5');
    expect(competenciesOf('A: 1; a: 2').problem).toBe('List "a" once');
  });

  it('names each problem by sheet, row and column, with how to fix it', () => {
    const checked = checkRows({
      bodies: [body(2, { Name: 'Acme', Sector: 'Charity' }), body(3, { Sector: 'Health' }), body(4, { Name: 'acme', Sector: 'Health' })],
      people: [
        person(2, { Name: 'A', Email: 'not-an-email', Body: 'Acme' }),
        person(3, { Name: 'B', Email: 'b@example.org', Body: 'Nowhere', 'Represents their body': 'maybe' }),
        person(4, { Name: 'x'.repeat(201), Email: 'c@example.org', Body: 'Acme' }),
      ],
    });
    expect(checked.problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      [BODIES_SHEET, 2, 'Sector'],
      [BODIES_SHEET, 3, 'Name'],
      [PEOPLE_SHEET, 2, 'Email'],
      [PEOPLE_SHEET, 3, 'Body'],
      [PEOPLE_SHEET, 3, 'Represents their body'],
      [PEOPLE_SHEET, 4, 'Name'],
    ]);
    expect(checked.problems[0].message).toMatch(/^"Charity" is not a sector: enter one of Local authority, Health/);
    expect(checked.problems[5].message).toBe('Shorten the person’s full name to 200 characters or fewer');
  });

  it('refuses a body or an email given twice', () => {
    const checked = checkRows({
      bodies: [body(2, { Name: 'Acme', Sector: 'Health', 'External reference': 'R1' }), body(3, { Name: 'ACME', Sector: 'Health' }), body(4, { Name: 'Other', Sector: 'Health', 'External reference': 'r1' })],
      people: [person(2, { Name: 'A', Email: 'a@example.org', Body: 'R1' }), person(3, { Name: 'A', Email: 'A@example.org', Body: 'Acme' })],
    });
    expect(checked.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'Name', '"ACME" is listed twice: keep one row for each body'],
      [4, 'External reference', '"r1" is given to two bodies: each body has its own external reference'],
      [3, 'Email', 'A@example.org is given to two people: keep one row for each person'],
    ]);
  });
});

describe('planning against the registry', () => {
  it('creates what is new, with the memberships, and spells competencies as the registry does', () => {
    const plan = planOnboarding(checkRows(FILE), EMPTY);
    expect(plan.problems).toEqual([]);
    expect(plan.bodies.map((b) => [b.action, b.joins])).toEqual([
      ['CREATE', true],
      ['CREATE', true],
    ]);
    expect(plan.people.map((p) => [p.action, p.body, p.representsBody])).toEqual([
      ['CREATE', 0, true],
      ['CREATE', 1, false],
    ]);
    expect(plan.people[0].competencies).toEqual([{ name: 'Commissioning', level: 5 }, { name: 'Data analysis', level: 3 }]);
  });

  it('changes nothing when the registry already holds the file', () => {
    const registry: RegistrySnapshot = {
      ...EMPTY,
      locality: { ...EMPTY.locality, activeMemberIds: ['o1', 'o2'] },
      organisations: [
        { id: 'o1', name: 'Gateshead Council', sector: Sector.LOCAL_AUTHORITY, externalRef: 'E08000037' },
        { id: 'o2', name: 'Tyne Housing', sector: Sector.HOUSING, externalRef: null },
      ],
      people: [
        { id: 'p1', organisationId: 'o1', organisationName: 'Gateshead Council', fullName: 'Priya Shah', jobTitle: null, email: 'PRIYA@example.org', representsBody: true, competencies: [{ name: 'Data analysis', level: 3 }, { name: 'Commissioning', level: 5 }] },
        { id: 'p2', organisationId: 'o2', organisationName: 'Tyne Housing', fullName: 'Tom Reed', jobTitle: 'Manager', email: 'tom@example.org', representsBody: false, competencies: [] },
      ],
    };
    const plan = planOnboarding(checkRows(FILE), registry);
    expect([...plan.bodies, ...plan.people].map((s) => s.action)).toEqual(['UNCHANGED', 'UNCHANGED', 'UNCHANGED', 'UNCHANGED']);
    expect(plan.bodies.some((b) => b.joins)).toBe(false);
    expect(plan.digest).toBe(planOnboarding(checkRows(FILE), registry).digest);

    const moved = { ...registry, organisations: [{ ...registry.organisations[0], sector: Sector.HEALTH }, registry.organisations[1]] };
    const changed = planOnboarding(checkRows(FILE), moved);
    expect(changed.bodies[0]).toMatchObject({ action: 'CHANGE', changes: ['sector: Health → Local authority'] });
    expect(changed.digest).not.toBe(plan.digest);
  });

  it('lists competencies new to the registry, and refuses a person recorded at another body and a clashing reference', () => {
    const registry: RegistrySnapshot = {
      ...EMPTY,
      competencyNames: ['Commissioning'],
      organisations: [{ id: 'o9', name: 'Tyne Housing', sector: Sector.HOUSING, externalRef: 'TH-1' }],
      people: [{ id: 'p9', organisationId: 'o9', organisationName: 'Tyne Housing', fullName: 'Priya Shah', jobTitle: null, email: 'priya@example.org', representsBody: false, competencies: [] }],
    };
    const file: SheetRows = { ...FILE, bodies: [FILE.bodies[0], body(3, { Name: 'Tyne Housing', Sector: 'Housing', 'External reference': 'TH-2' })] };
    const plan = planOnboarding(checkRows(file), registry);
    expect(plan.problems).toEqual([
      { sheet: BODIES_SHEET, row: 3, column: 'External reference', message: 'Tyne Housing is in your registry with the external reference "TH-1": use that reference' },
      { sheet: PEOPLE_SHEET, row: 2, column: 'Body', message: 'priya@example.org is recorded as working for Tyne Housing: give that body, or leave the person out' },
    ]);
    expect(plan.newCompetencyNames).toEqual(['Data analysis']);
    const known = planOnboarding(checkRows(FILE), { ...registry, competencyNames: ['Commissioning', 'DATA ANALYSIS'] });
    expect(known.newCompetencyNames).toEqual([]);
  });

  it('refuses a file that would take the locality past 40 member bodies', () => {
    const members = Array.from({ length: 39 }, (_, i) => `m${i}`);
    const plan = planOnboarding(checkRows(FILE), { ...EMPTY, locality: { ...EMPTY.locality, activeMemberIds: members } });
    expect(plan.problems).toEqual([
      { message: 'This file would give Gateshead 41 member bodies (39 now and 2 joining); a locality has at most 40. Remove 1 bodies from the file, or record bodies leaving first.' },
    ]);
  });
});
