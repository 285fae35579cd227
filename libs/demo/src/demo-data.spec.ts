import {
  addMonths,
  AgreementRule,
  EndorsementPosition,
  isAgreed,
  isOpposedBeyondRule,
  NominationStatus,
  ProgrammeStatus,
  ReconfirmationOutcome,
  reconfirmationOpensOn,
  nextReconfirmBy,
  tally,
} from '@joinedup/programmes';
import { Sector } from '@joinedup/registry';
import { DEMO_LOCALITIES, DEMO_ORGANISATIONS, DEMO_REPRESENTED, organisationByKey } from './demo-partnership.data';
import { peopleOf } from './demo-people.data';
import { decidedOn, DEMO_PROGRAMMES, DemoEndorsement, DemoProgramme } from './demo-programmes.data';
import { demoDays, seedDay } from './demo-test-days';

const membersOf = (code: string) => DEMO_ORGANISATIONS.filter((o) => o.localities.includes(code));
const openNominations = DEMO_PROGRAMMES.filter((p) => p.nomination?.status === NominationStatus.OPEN);

/** Positions after the first `count` endorsements, in the order they were made. */
function positionsAfter(programme: DemoProgramme, count: number, endorsements = programme.nomination!.endorsements) {
  const ordered = [...endorsements].sort((a, b) => a.after - b.after);
  return new Map<string, EndorsementPosition>(ordered.slice(0, count).map((e) => [e.organisation, e.position]));
}

/** Whether the rule was met, or put out of reach, by the first `count` endorsements. */
function decision(programme: DemoProgramme, endorsements: DemoEndorsement[], count: number, rule: AgreementRule = programme.rule) {
  const counts = tally(programme.participants, positionsAfter(programme, count, endorsements));
  return { agreed: isAgreed(rule, counts), opposedBeyondRule: isOpposedBeyondRule(rule, counts) };
}

describe('demo partnership data', () => {
  it.each(DEMO_LOCALITIES.map((l) => [l.name, l.code]))('%s has 25–40 member bodies of every sector', (_name, code) => {
    const members = membersOf(code);
    expect(members.length).toBeGreaterThanOrEqual(25);
    expect(members.length).toBeLessThanOrEqual(40);
    expect(new Set(members.map((m) => m.sector))).toEqual(new Set(Object.values(Sector)));
  });

  it('names each organisation once, and some serve both localities', () => {
    expect(new Set(DEMO_ORGANISATIONS.map((o) => o.name.toLowerCase())).size).toBe(DEMO_ORGANISATIONS.length);
    expect(new Set(DEMO_ORGANISATIONS.map((o) => o.key)).size).toBe(DEMO_ORGANISATIONS.length);
    expect(DEMO_ORGANISATIONS.filter((o) => o.localities.length === 2).length).toBeGreaterThan(5);
  });

  it('gives every body two or three distinct people with competencies at levels 1–5', () => {
    for (const organisation of DEMO_ORGANISATIONS) {
      const people = peopleOf(organisation);
      expect(people.length).toBeGreaterThanOrEqual(2);
      expect(people.length).toBeLessThanOrEqual(3);
      expect(new Set(people.map((p) => p.fullName)).size).toBe(people.length);
      for (const person of people) {
        expect(person.email).toMatch(/^[a-z]+\.[a-z]+@[a-z0-9-]+\.example\.org$/);
        expect(person.competencies.length).toBeGreaterThanOrEqual(2);
        for (const { level } of person.competencies) expect([1, 2, 3, 4, 5]).toContain(level);
      }
    }
    // The same body always has the same people: a re-run finds them by name.
    expect(peopleOf(organisationByKey('gateshead-council'))).toEqual(peopleOf(organisationByKey('gateshead-council')));
  });

  it.each(DEMO_PROGRAMMES.map((p) => [p.name, p]))('%s: participants, leader and endorsements are consistent', (_name, p) => {
    const programme = p as DemoProgramme;
    const members = new Set(membersOf(programme.locality).map((o) => o.key));
    for (const key of programme.participants) expect(members).toContain(key);
    expect(new Set(programme.participants).size).toBe(programme.participants.length);
    const nomination = programme.nomination;
    if (!nomination) return;
    expect(programme.participants).toContain(nomination.leader.organisation);
    expect(peopleOf(organisationByKey(nomination.leader.organisation))[nomination.leader.slot]).toBeDefined();
    const endorsers = nomination.endorsements.map((e) => e.organisation);
    expect(new Set(endorsers).size).toBe(endorsers.length);
    for (const key of endorsers) expect(programme.participants).toContain(key);
    for (const e of nomination.endorsements) {
      expect(e.after).toBeGreaterThanOrEqual(1);
      expect(nomination.nominatedOn + e.after).toBeLessThan(0);
    }

    const count = nomination.endorsements.length;
    const agreedNow = isAgreed(programme.rule, tally(programme.participants, positionsAfter(programme, count)));
    if (nomination.status === NominationStatus.OPEN) {
      expect(agreedNow).toBe(false);
    } else {
      // Agreed by its last endorsement, as the service would have agreed it; not before.
      expect(agreedNow).toBe(true);
      expect(isAgreed(programme.rule, tally(programme.participants, positionsAfter(programme, count - 1)))).toBe(false);
      const last = Math.max(...nomination.endorsements.map((e) => e.after));
      expect(nomination.endorsements.filter((e) => e.after === last)).toHaveLength(1);
    }
  });

  it('covers the states of leadership agreement', () => {
    const agreed = DEMO_PROGRAMMES.filter((p) => p.nomination?.status === NominationStatus.AGREED);
    expect(agreed.some((p) => p.status === ProgrammeStatus.ACTIVE && !p.nomination!.steppedDown)).toBe(true);
    expect(openNominations.map((p) => p.rule.kind)).toEqual(expect.arrayContaining(['UNANIMOUS', 'QUALIFIED_MAJORITY']));
    expect(DEMO_PROGRAMMES.some((p) => p.status === ProgrammeStatus.DRAFT && !p.nomination)).toBe(true);
    expect(DEMO_PROGRAMMES.some((p) => p.status === ProgrammeStatus.CLOSED)).toBe(true);
    const names = DEMO_PROGRAMMES.map((p) => `${p.locality}/${p.name.toLowerCase()}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives representatives to bodies taking part in the open nominations', () => {
    for (const key of DEMO_REPRESENTED) {
      expect(organisationByKey(key)).toBeDefined();
      expect(openNominations.some((p) => p.participants.includes(key))).toBe(true);
    }
    // Some of them have yet to endorse, so a demo user can still tip a nomination.
    const pending = DEMO_REPRESENTED.filter((key) =>
      openNominations.some((p) => p.participants.includes(key) && !p.nomination!.endorsements.some((e) => e.organisation === key)),
    );
    expect(pending.length).toBeGreaterThanOrEqual(2);
  });

  const reconfirmed = DEMO_PROGRAMMES.filter((p) => p.nomination?.reconfirmation);

  it.each(reconfirmed.map((p) => [p.name, p]))('%s: the re-confirmation is decided by its last endorsement', (_name, p) => {
    const programme = p as DemoProgramme;
    const nomination = programme.nomination!;
    const reconfirmation = nomination.reconfirmation!;
    expect(nomination.status).toBe(NominationStatus.AGREED);
    expect(nomination.steppedDown).toBeUndefined();
    expect(reconfirmation.nominatedOn).toBeGreaterThan(decidedOn(nomination.nominatedOn, nomination.endorsements));
    expect(decidedOn(reconfirmation.nominatedOn, reconfirmation.endorsements)).toBeLessThan(0);
    const endorsers = reconfirmation.endorsements.map((e) => e.organisation);
    expect(new Set(endorsers).size).toBe(endorsers.length);
    for (const key of endorsers) expect(programme.participants).toContain(key);
    const afters = reconfirmation.endorsements.map((e) => e.after);
    expect(Math.min(...afters)).toBeGreaterThanOrEqual(1);
    expect(afters.filter((a) => a === Math.max(...afters))).toHaveLength(1);

    const count = reconfirmation.endorsements.length;
    const last = decision(programme, reconfirmation.endorsements, count);
    const before = decision(programme, reconfirmation.endorsements, count - 1);
    expect(before).toEqual({ agreed: false, opposedBeyondRule: false });
    if (reconfirmation.outcome === ReconfirmationOutcome.RECONFIRMED) expect(last.agreed).toBe(true);
    else expect(last).toEqual({ agreed: false, opposedBeyondRule: true });
  });

  it('has one leader re-confirmed on time and one overdue, whatever the day of seeding', () => {
    for (const today of demoDays()) {
      const outcomes = reconfirmed.map((programme) => {
        const nomination = programme.nomination!;
        const reconfirmation = nomination.reconfirmation!;
        const due = addMonths(seedDay(today, decidedOn(nomination.nominatedOn, nomination.endorsements)), programme.leaderTermMonths);
        const opened = seedDay(today, reconfirmation.nominatedOn);
        const decided = seedDay(today, decidedOn(reconfirmation.nominatedOn, reconfirmation.endorsements));
        // The service opens a re-confirmation from one term before it is due.
        expect(opened >= reconfirmationOpensOn(due, programme.leaderTermMonths)).toBe(true);
        const reconfirmBy =
          reconfirmation.outcome === ReconfirmationOutcome.RECONFIRMED ? nextReconfirmBy(due, decided, programme.leaderTermMonths) : due;
        return { outcome: reconfirmation.outcome, onTime: decided <= due, overdue: reconfirmBy < today };
      });
      expect({ today, outcomes }).toEqual({
        today,
        outcomes: expect.arrayContaining([
          { outcome: ReconfirmationOutcome.RECONFIRMED, onTime: true, overdue: false },
          { outcome: ReconfirmationOutcome.NOT_RECONFIRMED, onTime: true, overdue: true },
        ]),
      });
    }
  });
});
