import { RulesPartnership, daysAfter, noonOf } from '../../support/governance-probe';
import { sharedApi } from '../../support/api-harness';

const CREATE_MEASURE = `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`;
const UPDATE_MEASURE = `mutation($input: UpdateMeasureInput!) { updateMeasure(input: $input) { id retiredOn } }`;
const NEXT_REVIEW = `query($id: ID!) { programme(id: $id) { nextReview { id dueOn } } }`;
const COMPLETE = `mutation($input: CompleteReviewInput!) {
  completeReview(input: $input) { id completedOn actions { id dueOn } }
}`;
const UPDATE_ACTION = `mutation($input: UpdateImprovementActionInput!) { updateImprovementAction(input: $input) { id status } }`;

type Completed = { id: string; completedOn: string; actions: { id: string; dueOn: string }[] };

/** `date` (YYYY-MM-DD) moved by `days`, as YYYY-MM-DD. */
const dateAfter = (date: string, days: number) => daysAfter(`${date}T00:00:00Z`, days).toISOString().slice(0, 10);

describe('governance rules: continuous improvement', () => {
  /** One member body, whose person owns the improvement actions; reviews are completed on `today`. */
  let { api, coordinator, probe, make, locality, org, person, today } = {} as RulesPartnership<'A'>;
  beforeAll(async () => {
    ({ api, coordinator, probe, make, locality, org, person, today } = await RulesPartnership.start('rules-improvement', {
      bodies: ['A'],
      people: true,
    }));
  });
  afterAll(() => sharedApi.leave(api));

  const programme = async (extra: Record<string, unknown> = {}) => (await make.programme(locality.id, [org.A], extra)).id;
  const measure = async (programmeId: string, name: string, target: number, direction: string, unit = 'per cent') =>
    (await api.ok(CREATE_MEASURE, { input: { programmeId, name, unit, target, direction } }, coordinator)).createMeasure.id as string;
  const nextReview = async (programmeId: string) =>
    (await api.ok(NEXT_REVIEW, { id: programmeId }, coordinator)).programme.nextReview as { id: string; dueOn: string };
  const completeNext = async (programmeId: string, values: { measureId: string; value: number }[] = [], actionsDue: string[] = []) => {
    const review = await nextReview(programmeId);
    const input = {
      reviewId: review.id,
      periodStart: dateAfter(today, -90),
      periodEnd: today,
      values,
      effectivenessRating: 3,
      efficiencyRating: 3,
      findings: 'Referrals are slower than agreed.',
      actions: actionsDue.map((dueOn, i) => ({ description: `Action ${i + 1}`, ownerPersonId: person.A, dueOn })),
    };
    return (await api.ok(COMPLETE, { input }, coordinator)).completeReview as Completed;
  };
  const resolvedFlag = async (ruleCode: string, subjectId: string) =>
    (await probe.flags(ruleCode, { all: true })).find((f) => f.subjectId === subjectId && f.state === 'RESOLVED');

  describe('IMPROVEMENT_REVIEW_OVERDUE', () => {
    it('raises once no review was completed for the cadence plus 14 days, not a day sooner, and resolves when one is completed', async () => {
      const [late, nearly] = [await programme({ reviewCadenceDays: 30 }), await programme({ reviewCadenceDays: 30 })];
      // The API activates programmes only now: as the owner, move their activation (and their first
      // review's scheduling) back 45 and 44 days, against cadence 30 + grace 14.
      for (const [id, days] of [[late, 45], [nearly, 44]] as const) {
        await api.owner.query(`update programme set activated_at = activated_at - make_interval(days => $2) where id = $1`, [id, days]);
        await api.owner.query(
          `update improvement_review set scheduled_at = scheduled_at - make_interval(days => $2), due_on = due_on - $2
            where programme_id = $1 and status = 'SCHEDULED'`,
          [id, days],
        );
      }
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_REVIEW_OVERDUE', nearly)).toBeUndefined();
      const flag = await probe.flagAbout('IMPROVEMENT_REVIEW_OVERDUE', late);
      expect(flag).toMatchObject({
        barrier: 'CONTINUOUS_IMPROVEMENT',
        subjectType: 'PROGRAMME',
        severity: 'MEDIUM',
        localityId: locality.id,
        programmeId: late,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({ programmeId: late, lastReviewId: null, since: dateAfter(today, -45) });
      expect(flag?.message).toContain(`a review for 45 days (since it became active on ${dateAfter(today, -45)})`);

      const review = await completeNext(late);
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_REVIEW_OVERDUE', late)).toBeUndefined();
      expect(await resolvedFlag('IMPROVEMENT_REVIEW_OVERDUE', late)).toBeDefined();

      // From then on the cadence counts from the last completed review.
      await probe.scan(noonOf(dateAfter(review.completedOn, 44)), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_REVIEW_OVERDUE', late)).toBeUndefined();
      await probe.scan(noonOf(dateAfter(review.completedOn, 45)), locality.id);
      expect((await probe.flagAbout('IMPROVEMENT_REVIEW_OVERDUE', late))?.evidence).toEqual({
        programmeId: late,
        lastReviewId: review.id,
        since: review.completedOn,
      });
    });
  });

  describe('IMPROVEMENT_NO_MEASURES', () => {
    it('raises for an active programme without active measures, not one with a measure, and resolves once one is added', async () => {
      const [bare, measured] = [await programme(), await programme()];
      const only = await measure(measured, 'Referrals seen within 10 days', 90, 'HIGHER_IS_BETTER');
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_NO_MEASURES', measured)).toBeUndefined();
      const flag = await probe.flagAbout('IMPROVEMENT_NO_MEASURES', bare);
      expect(flag).toMatchObject({
        barrier: 'CONTINUOUS_IMPROVEMENT',
        subjectType: 'PROGRAMME',
        severity: 'MEDIUM',
        localityId: locality.id,
        programmeId: bare,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({ programmeId: bare, lastMeasureRetiredOn: null });

      await measure(bare, 'Households supported', 200, 'HIGHER_IS_BETTER', 'households');
      // A retired measure no longer counts.
      const { retiredOn } = (await api.ok(UPDATE_MEASURE, { input: { measureId: only, active: false } }, coordinator)).updateMeasure;
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_NO_MEASURES', bare)).toBeUndefined();
      expect(await resolvedFlag('IMPROVEMENT_NO_MEASURES', bare)).toBeDefined();
      expect((await probe.flagAbout('IMPROVEMENT_NO_MEASURES', measured))?.evidence).toEqual({
        programmeId: measured,
        lastMeasureRetiredOn: retiredOn,
      });
    });
  });

  describe('IMPROVEMENT_ACTIONS_OVERDUE', () => {
    it('raises once actions are open past their due date, HIGH from 3, and resolves when they are done', async () => {
      const id = await programme();
      const [soon, later] = [dateAfter(today, 10), dateAfter(today, 20)];
      const { actions } = await completeNext(id, [], [soon, soon, later]);

      await probe.scan(noonOf(soon), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_ACTIONS_OVERDUE', id)).toBeUndefined();

      await probe.scan(noonOf(dateAfter(soon, 1)), locality.id);
      const flag = await probe.flagAbout('IMPROVEMENT_ACTIONS_OVERDUE', id);
      expect(flag).toMatchObject({
        barrier: 'CONTINUOUS_IMPROVEMENT',
        subjectType: 'PROGRAMME',
        severity: 'MEDIUM',
        localityId: locality.id,
        programmeId: id,
        organisationId: null,
      });
      // Evidence lists the overdue actions by due date, then id.
      const overdueBy = (date: string) =>
        actions
          .filter((a) => a.dueOn < date)
          .sort((a, b) => (a.dueOn + a.id < b.dueOn + b.id ? -1 : 1))
          .map((a) => ({ actionId: a.id, dueOn: a.dueOn }));
      expect(flag?.evidence).toEqual({ programmeId: id, actions: overdueBy(dateAfter(soon, 1)) });
      expect(flag?.evidence.actions).toHaveLength(2);

      // Two overdue is just under highCount (3); the third raises the severity one step.
      await probe.scan(noonOf(dateAfter(later, 1)), locality.id);
      const high = await probe.flagAbout('IMPROVEMENT_ACTIONS_OVERDUE', id);
      expect(high).toMatchObject({ id: flag?.id, severity: 'HIGH' });
      expect(high?.evidence.actions).toEqual(overdueBy(dateAfter(later, 1)));

      for (const action of actions) await api.ok(UPDATE_ACTION, { input: { actionId: action.id, status: 'DONE' } }, coordinator);
      await probe.scan(noonOf(dateAfter(later, 1)), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_ACTIONS_OVERDUE', id)).toBeUndefined();
      expect(await resolvedFlag('IMPROVEMENT_ACTIONS_OVERDUE', id)).toBeDefined();
    });
  });

  describe('IMPROVEMENT_OFF_TARGET', () => {
    it('raises for a measure that missed its target, by its direction, in the last 2 reviews, not in 1, and resolves once met', async () => {
      const id = await programme();
      const reach = await measure(id, 'Households reached', 80, 'HIGHER_IS_BETTER');
      const wait = await measure(id, 'Days to first contact', 10, 'LOWER_IS_BETTER', 'days');
      const first = await completeNext(id, [
        { measureId: reach, value: 70 },
        { measureId: wait, value: 5 },
      ]);
      const second = await completeNext(id, [
        { measureId: reach, value: 75 },
        { measureId: wait, value: 12 },
      ]);

      await probe.scan(new Date(), locality.id);
      // 5 days is under the target of at most 10: met, so the wait missed only in the last review.
      expect(await probe.flagAbout('IMPROVEMENT_OFF_TARGET', wait)).toBeUndefined();
      const flag = await probe.flagAbout('IMPROVEMENT_OFF_TARGET', reach);
      expect(flag).toMatchObject({
        barrier: 'CONTINUOUS_IMPROVEMENT',
        subjectType: 'MEASURE',
        severity: 'MEDIUM',
        localityId: locality.id,
        programmeId: id,
        organisationId: null,
      });
      expect(flag?.evidence).toEqual({
        measureId: reach,
        reviews: [
          { reviewId: first.id, completedOn: first.completedOn, value: 70, target: 80 },
          { reviewId: second.id, completedOn: second.completedOn, value: 75, target: 80 },
        ],
      });

      await completeNext(id, [
        { measureId: reach, value: 85 },
        { measureId: wait, value: 15 },
      ]);
      await probe.scan(new Date(), locality.id);
      expect(await probe.flagAbout('IMPROVEMENT_OFF_TARGET', reach)).toBeUndefined();
      expect(await resolvedFlag('IMPROVEMENT_OFF_TARGET', reach)).toBeDefined();
      expect((await probe.flagAbout('IMPROVEMENT_OFF_TARGET', wait))?.evidence.reviews).toHaveLength(2);
    });
  });
});
