import { ImprovementActionStatus, metTarget, trendOf, TrendMovement } from '@joinedup/improvement';
import { ProgrammeStatus } from '@joinedup/programmes';
import { organisationByKey } from './demo-partnership.data';
import { peopleOf } from './demo-people.data';
import { DEMO_IMPROVEMENT, DemoImprovement, DemoMeasure } from './demo-improvement.data';
import { DEMO_PROGRAMMES, programmeByName } from './demo-programmes.data';

const activeOn = (measure: DemoMeasure, day: number) => measure.createdOn <= day && (measure.retiredOn === undefined || measure.retiredOn > day);
const actions = DEMO_IMPROVEMENT.flatMap((i) => i.reviews.flatMap((r) => r.actions.map((a) => ({ ...a, programme: i.programme }))));

describe('demo improvement reviews', () => {
  it.each(DEMO_IMPROVEMENT.map((i) => [i.programme, i]))('%s: measures, reviews and actions are consistent', (_name, i) => {
    const improvement = i as DemoImprovement;
    const programme = programmeByName(improvement.programme);
    expect(programme.status).not.toBe(ProgrammeStatus.DRAFT);
    const names = improvement.measures.map((m) => m.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    for (const measure of improvement.measures) {
      expect(measure.createdOn).toBeGreaterThanOrEqual(programme.startsOn - 30);
      if (measure.retiredOn !== undefined) expect(measure.retiredOn).toBeGreaterThan(measure.createdOn);
    }

    // Each review falls due by the programme's cadence after activation or the review before,
    // as the database and the reviews service schedule them.
    let scheduledFrom = programme.startsOn;
    for (const review of improvement.reviews) {
      expect(review.dueOn).toBe(scheduledFrom + programme.reviewCadenceDays);
      expect(review.completedOn).toBeGreaterThan(scheduledFrom);
      expect(review.completedOn).toBeLessThan(0);
      expect(review.periodEnd).toBeGreaterThanOrEqual(review.periodStart);
      expect(review.periodEnd).toBeLessThanOrEqual(review.completedOn);
      for (const rating of [review.effectivenessRating, review.efficiencyRating]) expect([1, 2, 3, 4, 5]).toContain(rating);
      // A value for every measure active then, and for no other.
      const active = improvement.measures.filter((m) => activeOn(m, review.completedOn)).map((m) => m.name);
      expect(Object.keys(review.values).sort()).toEqual(active.sort());
      for (const value of Object.values(review.values)) expect(Number.isFinite(value)).toBe(true);
      for (const action of review.actions) {
        expect(programme.participants).toContain(action.owner.organisation);
        expect(peopleOf(organisationByKey(action.owner.organisation))[action.owner.slot]).toBeDefined();
        expect(action.dueOn).toBeGreaterThanOrEqual(review.completedOn);
        if (action.status === ImprovementActionStatus.OPEN) expect(action.closedOn).toBeUndefined();
        else {
          expect(action.closedOn).toBeGreaterThanOrEqual(review.completedOn);
          expect(action.closedOn).toBeLessThan(0);
        }
      }
      scheduledFrom = review.completedOn;
    }
    expect(improvement.next.dueOn).toBe(scheduledFrom + programme.reviewCadenceDays);
    // A closed programme's scheduled review was cancelled when it closed; an active one has one scheduled.
    if (programme.status === ProgrammeStatus.CLOSED) expect(improvement.next.cancelledOn).toBe(programme.endsOn);
    else expect(improvement.next.cancelledOn).toBeUndefined();
  });

  it('has programmes with and without measures, a mixed trend and a closed programme with history', () => {
    const byName = new Map(DEMO_IMPROVEMENT.map((i) => [i.programme, i]));
    expect(byName.get('Safer Streets')!.measures).toEqual([]);
    expect(byName.get('Safer Streets')!.reviews.length).toBeGreaterThan(0);
    expect(DEMO_IMPROVEMENT.filter((i) => i.measures.length > 0).length).toBeGreaterThanOrEqual(2);
    // Programmes the demo leaves to the guided tour have no measures yet.
    const untouched = DEMO_PROGRAMMES.filter((p) => p.status === ProgrammeStatus.ACTIVE && !byName.has(p.name));
    expect(untouched.map((p) => p.name)).toContain('Employment and Skills Pathway');

    const movements = DEMO_IMPROVEMENT.flatMap((i) =>
      i.measures.map((m) => {
        const values = i.reviews.filter((r) => m.name in r.values).map((r) => r.values[m.name]);
        return trendOf(m.direction, values.map((value) => ({ value, met: metTarget(m.direction, m.target, value) })));
      }),
    );
    expect(movements.map((t) => t.movement)).toEqual(expect.arrayContaining([TrendMovement.IMPROVING, TrendMovement.WORSENING]));
    expect(movements.some((t) => t.metCount > 0 && t.missedCount > 0)).toBe(true);
    expect(DEMO_IMPROVEMENT.some((i) => programmeByName(i.programme).status === ProgrammeStatus.CLOSED && i.reviews.length >= 3)).toBe(true);
    expect(DEMO_IMPROVEMENT.some((i) => i.measures.some((m) => m.retiredOn !== undefined))).toBe(true);
  });

  it('has an overdue review, overdue open actions and a done one', () => {
    const overdue = DEMO_IMPROVEMENT.filter((i) => i.next.cancelledOn === undefined && i.next.dueOn < 0);
    expect(overdue.map((i) => i.programme)).toEqual(['Healthy Ageing']);
    const late = actions.filter((a) => a.status === ImprovementActionStatus.OPEN && a.dueOn < 0);
    expect(late.filter((a) => a.programme === 'Healthy Ageing').length).toBeGreaterThanOrEqual(2);
    expect(actions.some((a) => a.status === ImprovementActionStatus.OPEN && a.dueOn > 0)).toBe(true);
    expect(actions.some((a) => a.status === ImprovementActionStatus.DONE)).toBe(true);
    expect(actions.some((a) => a.status === ImprovementActionStatus.DROPPED && a.note)).toBe(true);
  });
});
