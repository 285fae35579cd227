import { ProgrammeStatus } from '@joinedup/programmes';
import { AssignmentEndCause, SelectionMethod } from '@joinedup/roles';
import { organisationByKey } from './demo-partnership.data';
import { peopleOf } from './demo-people.data';
import { programmeByName } from './demo-programmes.data';
import { DEMO_ROLES, DemoRole, demoFit, vacantSinceOf } from './demo-roles.data';

const current = (role: DemoRole) => role.holders.find((h) => !h.ended);

describe('demo roles', () => {
  it.each(DEMO_ROLES.map((r) => [`${r.programme}: ${r.title}`, r]))('%s is consistent', (_name, r) => {
    const role = r as DemoRole;
    const programme = programmeByName(role.programme);
    expect(programme.status).not.toBe(ProgrammeStatus.CLOSED);
    expect(role.createdOn).toBeGreaterThan(Math.min(programme.startsOn, 0) - 30);
    expect(role.requiredCompetencies.length).toBeGreaterThan(0);
    const names = role.requiredCompetencies.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const { minLevel } of role.requiredCompetencies) expect([1, 2, 3, 4, 5]).toContain(minLevel);

    let previous = role.createdOn;
    role.holders.forEach((holder, i) => {
      // Holders work for a participating body, follow one another, and only the last may still hold it.
      expect(programme.participants).toContain(holder.person.organisation);
      expect(peopleOf(organisationByKey(holder.person.organisation))[holder.person.slot]).toBeDefined();
      expect(holder.assignedOn).toBeGreaterThanOrEqual(previous);
      expect(holder.assignedOn).toBeLessThan(0);
      if (holder.selectionMethod !== SelectionMethod.OPEN_SELECTION) expect(holder.rationale?.trim()).toBeTruthy();
      if (i < role.holders.length - 1) expect(holder.ended).toBeDefined();
      if (holder.ended) {
        expect(holder.ended.on).toBeGreaterThanOrEqual(holder.assignedOn);
        expect(holder.ended.on).toBeLessThan(0);
        expect(holder.ended.reason.trim()).toBeTruthy();
        previous = holder.ended.on;
      }
    });
    const last = role.holders[role.holders.length - 1];
    if (role.retired) {
      expect(role.retired.on).toBeLessThan(0);
      expect(last?.ended).toEqual(expect.objectContaining({ on: role.retired.on, cause: AssignmentEndCause.ROLE_RETIRED }));
    } else {
      for (const holder of role.holders) expect(holder.ended?.cause).not.toBe(AssignmentEndCause.ROLE_RETIRED);
    }
  });

  it('gives each programme distinct titles, none the guided tour defines', () => {
    const keys = DEMO_ROLES.map((r) => `${r.programme}/${r.title.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('safer streets/data and intelligence lead');
  });

  it('shows good and poor fit, a defaulted appointment, a long vacancy and a retired role', () => {
    const held = DEMO_ROLES.filter((r) => current(r)).map((r) => ({ role: r, holder: current(r)!, fit: demoFit(r, current(r)!.person) }));
    expect(held.some((h) => h.fit === 1)).toBe(true);
    expect(held.some((h) => h.fit > 0 && h.fit < 1)).toBe(true);
    // Held by default by the council's head of service, who meets none of the requirements.
    expect(held).toContainEqual(
      expect.objectContaining({ fit: 0, holder: expect.objectContaining({ selectionMethod: SelectionMethod.DEFAULTED }) }),
    );
    expect(held.find((h) => h.holder.selectionMethod === SelectionMethod.DEFAULTED)!.holder.rationale).toMatch(/council's head of service/);

    // A required role vacant for about four months, that someone held before.
    const vacant = DEMO_ROLES.filter((r) => !r.retired && vacantSinceOf(r) !== null);
    expect(vacant).toContainEqual(expect.objectContaining({ requiredForProgramme: true }));
    for (const role of vacant.filter((r) => r.requiredForProgramme)) {
      expect(vacantSinceOf(role)).toBeLessThanOrEqual(-100);
      expect(role.holders.length).toBeGreaterThan(0);
    }
    // A role whose holder was replaced by one who fits it better.
    const replaced = DEMO_ROLES.find((r) => r.holders.length > 1 && current(r))!;
    expect(demoFit(replaced, current(replaced)!.person)).toBeGreaterThan(demoFit(replaced, replaced.holders[0].person));
    expect(DEMO_ROLES.filter((r) => r.retired)).toHaveLength(1);
    // Safer Streets shows most of it, for the tour's role there.
    expect(DEMO_ROLES.filter((r) => r.programme === 'Safer Streets').length).toBeGreaterThanOrEqual(3);
  });
});
