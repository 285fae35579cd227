import { StatementCounter } from '@joinedup/database';
import { ApiHarness, GraphQLResult, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

const CREATE_MEASURE = `mutation($input: CreateMeasureInput!) {
  createMeasure(input: $input) { id name unit baseline target direction active retiredOn }
}`;
const UPDATE_MEASURE = `mutation($input: UpdateMeasureInput!) { updateMeasure(input: $input) { id name target active retiredOn } }`;
const COMPLETE = `mutation($input: CompleteReviewInput!) {
  completeReview(input: $input) {
    id status dueOn daysOverdue periodStart periodEnd effectivenessRating efficiencyRating findings completedOn completedByUserId
    values { value target direction met measure { name } }
    actions { id description dueOn status owner { fullName } }
  }
}`;
const UPDATE_ACTION = `mutation($input: UpdateImprovementActionInput!) {
  updateImprovementAction(input: $input) { id status closedOn dueOn note daysOverdue owner { id } }
}`;
const READ = `query($id: ID!) {
  programme(id: $id) {
    measures(includeRetired: true) {
      name active direction target
      latestValue { value met periodEnd }
      trend { values { value met } metCount missedCount movement }
    }
    nextReview { id status dueOn daysOverdue }
    completedReviews { id completedOn daysOverdue effectivenessRating efficiencyRating findings values { value met measure { name } } }
    openActions { id description dueOn daysOverdue status owner { fullName } review { id } }
  }
}`;

/** YYYY-MM-DD `days` after `date`. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Setup {
  programmeId: string;
  localityId: string;
  organisationIds: string[];
  /** A person of each participating organisation. */
  people: { id: string; fullName: string }[];
  /** A person of a member body of the locality that does not take part. */
  outsider: { id: string; fullName: string };
  rep: TestUser;
}

describe('improvement reviews', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let make: RegistryFactory;
  let today: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('improve');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    make = new RegistryFactory(api, coordinator.token);
    today = (await api.owner.query(`select current_date as d`))[0].d;
  });
  afterAll(() => sharedApi.leave(api));

  /** An active programme of two bodies (cadence 30 days), a third member body outside it, and a representative. */
  async function programme(extra: Record<string, unknown> = {}): Promise<Setup> {
    const locality = await make.locality();
    const [a, b, c] = await make.members(locality.id, 3);
    const created = await make.programme(locality.id, [a.id, b.id], { reviewCadenceDays: 30, ...extra });
    const people = [];
    for (const [i, o] of [a, b].entries()) {
      const fullName = `Owner ${i} ${created.name}`;
      people.push({ id: (await make.person(o.id, fullName)).id, fullName });
    }
    const outsiderName = `Outsider ${created.name}`;
    const outsider = { id: (await make.person(c.id, outsiderName)).id, fullName: outsiderName };
    const rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', a.id);
    return { programmeId: created.id, localityId: locality.id, organisationIds: [a.id, b.id, c.id], people, outsider, rep };
  }

  const measure = async (programmeId: string, input: Record<string, unknown>, token = coordinator.token) =>
    (await api.ok(CREATE_MEASURE, { input: { programmeId, unit: '%', ...input } }, token)).createMeasure;

  const read = async (programmeId: string, token = coordinator.token) => (await api.ok(READ, { id: programmeId }, token)).programme;

  const nextReviewId = async (programmeId: string): Promise<string> => (await read(programmeId)).nextReview.id;

  const complete = (input: Record<string, unknown>, token = reviewer.token): Promise<GraphQLResult> =>
    api.graphql(COMPLETE, { input: { effectivenessRating: 4, efficiencyRating: 3, findings: 'Steady progress.', actions: [], ...input } }, token);

  const completeOk = async (input: Record<string, unknown>, token = reviewer.token) => {
    const result = await complete(input, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.completeReview;
  };

  const eventsOf = async (programmeId: string, type: string) =>
    (await api.owner.query(`select payload from outbox_event where tenant_id = $1 and type = $2 and payload->>'programmeId' = $3`, [
      tenant.id,
      type,
      programmeId,
    ])) as { payload: Record<string, unknown> }[];

  /** Everything the improvement tables and trails hold for a programme. */
  const snapshot = async (programmeId: string) => ({
    reviews: await api.owner.query(
      `select id, status, due_on, period_start, findings from improvement_review where programme_id = $1 order by scheduled_at, id`,
      [programmeId],
    ),
    values: await api.owner.query(`select review_id, measure_id, value from improvement_measure_value where programme_id = $1`, [programmeId]),
    actions: await api.owner.query(`select id, status, closed_on, due_on, owner_person_id from improvement_action where programme_id = $1`, [
      programmeId,
    ]),
    measures: await api.owner.query(`select id, name, target, retired_on from improvement_measure where programme_id = $1 order by name`, [
      programmeId,
    ]),
    events: await api.owner.query(`select count(*)::int as n from outbox_event where tenant_id = $1 and type like 'improvement.%'`, [tenant.id]),
    audit: await api.owner.query(`select count(*)::int as n from audit_event where tenant_id = $1`, [tenant.id]),
  });

  it('activating a programme schedules its first review, due by the cadence; leaving ACTIVE cancels it', async () => {
    const locality = await make.locality();
    const bodies = await make.members(locality.id, 2);
    const draft = await make.programme(
      locality.id,
      bodies.map((b) => b.id),
      { status: 'DRAFT', reviewCadenceDays: 45 },
    );
    expect((await read(draft.id)).nextReview).toBeNull();

    const activate = (status: string) =>
      api.ok(`mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { status } }`, { input: { programmeId: draft.id, status } }, coordinator.token);
    await activate('ACTIVE');
    const first = (await read(draft.id)).nextReview;
    expect(first).toMatchObject({ status: 'SCHEDULED', dueOn: addDays(today, 45), daysOverdue: 0 });
    expect((await eventsOf(draft.id, 'improvement.review_changed')).map((e) => e.payload)).toEqual([
      { programmeId: draft.id, localityId: locality.id, reviewId: first.id, change: 'SCHEDULED', dueOn: addDays(today, 45) },
    ]);
    const [audit] = await api.owner.query(`select action, actor_user_id from audit_event where entity_id = $1`, [first.id]);
    expect(audit).toEqual({ action: 'review.scheduled', actor_user_id: coordinator.id });

    // Saving it as ACTIVE again schedules nothing more.
    await activate('ACTIVE');
    expect((await read(draft.id)).nextReview.id).toBe(first.id);

    await activate('DRAFT');
    expect((await read(draft.id)).nextReview).toBeNull();
    const cancelled = await api.ok(`query($id: ID!) { improvementReview(id: $id) { status cancelledOn } }`, { id: first.id }, coordinator.token);
    expect(cancelled.improvementReview).toEqual({ status: 'CANCELLED', cancelledOn: today });

    await activate('ACTIVE');
    const again = (await read(draft.id)).nextReview;
    expect(again.id).not.toBe(first.id);
    const reviews = await api.owner.query(`select status from improvement_review where programme_id = $1 order by scheduled_at`, [draft.id]);
    expect(reviews.map((r: { status: string }) => r.status)).toEqual(['CANCELLED', 'SCHEDULED']);

    // A programme created ACTIVE is scheduled at once.
    const direct = await make.programme(locality.id, [bodies[0].id], { reviewCadenceDays: 7 });
    expect((await read(direct.id)).nextReview).toMatchObject({ dueOn: addDays(today, 7) });
  });

  it('the database keeps one scheduled review per programme', async () => {
    const s = await programme();
    await expect(
      api.owner.query(`insert into improvement_review (tenant_id, programme_id, due_on) values ($1, $2, current_date)`, [tenant.id, s.programmeId]),
    ).rejects.toThrow(/improvement_review_scheduled_key/);
  });

  it('a reviewer completes the review: values judged by direction, actions, and the next review scheduled', async () => {
    const s = await programme();
    const falls = await measure(s.programmeId, { name: 'Falls admissions', unit: 'per month', baseline: 120, target: 100, direction: 'LOWER_IS_BETTER' });
    expect(falls).toMatchObject({ baseline: 120, target: 100, active: true, retiredOn: null });
    const reached = await measure(s.programmeId, { name: 'Residents reached', unit: 'people', target: 500, direction: 'HIGHER_IS_BETTER' });
    const waiting = await measure(s.programmeId, { name: 'Days waiting', unit: 'days', target: 14, direction: 'LOWER_IS_BETTER' });
    const reviewId = await nextReviewId(s.programmeId);

    const done = await completeOk({
      reviewId,
      periodStart: addDays(today, -90),
      periodEnd: today,
      values: [
        { measureId: falls.id, value: 95 },
        { measureId: reached.id, value: 450.5 },
        { measureId: waiting.id, value: 14 },
      ],
      effectivenessRating: 4,
      efficiencyRating: 2,
      findings: 'Falls are down; reach is behind plan.',
      actions: [{ description: 'Recruit two more community connectors', ownerPersonId: s.people[1].id, dueOn: addDays(today, 14) }],
    });
    expect(done).toMatchObject({
      id: reviewId,
      status: 'COMPLETED',
      daysOverdue: 0,
      periodStart: addDays(today, -90),
      periodEnd: today,
      effectivenessRating: 4,
      efficiencyRating: 2,
      completedOn: today,
      completedByUserId: reviewer.id,
    });
    expect(done.values).toEqual([
      { value: 14, target: 14, direction: 'LOWER_IS_BETTER', met: true, measure: { name: 'Days waiting' } },
      { value: 95, target: 100, direction: 'LOWER_IS_BETTER', met: true, measure: { name: 'Falls admissions' } },
      { value: 450.5, target: 500, direction: 'HIGHER_IS_BETTER', met: false, measure: { name: 'Residents reached' } },
    ]);
    expect(done.actions).toEqual([
      expect.objectContaining({ description: 'Recruit two more community connectors', status: 'OPEN', owner: { fullName: s.people[1].fullName } }),
    ]);

    const p = await read(s.programmeId);
    expect(p.nextReview).toMatchObject({ status: 'SCHEDULED', dueOn: addDays(today, 30), daysOverdue: 0 });
    expect(p.nextReview.id).not.toBe(reviewId);
    expect(p.completedReviews).toHaveLength(1);
    expect(p.completedReviews[0]).toMatchObject({ id: reviewId, completedOn: today, findings: 'Falls are down; reach is behind plan.' });
    expect(p.measures.map((m: { name: string; latestValue: unknown }) => [m.name, m.latestValue])).toEqual([
      ['Days waiting', { value: 14, met: true, periodEnd: today }],
      ['Falls admissions', { value: 95, met: true, periodEnd: today }],
      ['Residents reached', { value: 450.5, met: false, periodEnd: today }],
    ]);
    expect(p.openActions).toEqual([
      expect.objectContaining({ dueOn: addDays(today, 14), daysOverdue: 0, owner: { fullName: s.people[1].fullName }, review: { id: reviewId } }),
    ]);

    const completedEvents = (await eventsOf(s.programmeId, 'improvement.review_changed')).map((e) => e.payload);
    expect(completedEvents).toEqual(
      expect.arrayContaining([
        { programmeId: s.programmeId, localityId: s.localityId, reviewId, change: 'COMPLETED', metCount: 2, missedCount: 1 },
        { programmeId: s.programmeId, localityId: s.localityId, reviewId: p.nextReview.id, change: 'SCHEDULED', dueOn: addDays(today, 30) },
      ]),
    );
    expect(await eventsOf(s.programmeId, 'improvement.action_changed')).toEqual([
      { payload: expect.objectContaining({ change: 'CREATED', status: 'OPEN', localityId: s.localityId, reviewId }) },
    ]);
    expect(await eventsOf(s.programmeId, 'improvement.measure_changed')).toHaveLength(3);

    const trail = await api.ok(
      `query($id: ID!) { auditEvents(entityType: "REVIEW", entityId: $id, first: 10) { nodes { action } } }`,
      { id: reviewId },
      reviewer.token,
    );
    expect(trail.auditEvents.nodes.map((n: { action: string }) => n.action)).toEqual(['review.scheduled', 'review.completed']);
  });

  it('shows the trend of the last five reviews, and a retired measure keeps its history but takes no values', async () => {
    const s = await programme();
    const reach = await measure(s.programmeId, { name: 'Reach', target: 70, direction: 'HIGHER_IS_BETTER' });
    const delay = await measure(s.programmeId, { name: 'Delay', unit: 'days', target: 10, direction: 'LOWER_IS_BETTER' });
    const reachValues = [50, 60, 65, 72, 75, 71];
    const delayValues = [20, 12, 9, 9, 8, 11];
    for (let i = 0; i < reachValues.length; i++) {
      await completeOk({
        reviewId: await nextReviewId(s.programmeId),
        periodStart: addDays(today, -30 * (6 - i)),
        periodEnd: addDays(today, -30 * (5 - i) - 1),
        values: [
          { measureId: reach.id, value: reachValues[i] },
          { measureId: delay.id, value: delayValues[i] },
        ],
      });
    }
    const p = await read(s.programmeId);
    const [delayRead, reachRead] = p.measures;
    expect(reachRead.trend).toEqual({
      values: [60, 65, 72, 75, 71].map((value) => ({ value, met: value >= 70 })),
      metCount: 3,
      missedCount: 2,
      movement: 'WORSENING',
    });
    expect(reachRead.latestValue).toMatchObject({ value: 71, met: true });
    expect(delayRead.trend).toMatchObject({ metCount: 3, missedCount: 2, movement: 'WORSENING' });
    expect(p.completedReviews).toHaveLength(6);
    const newestFirst = await api.ok(
      `query($id: ID!) { programme(id: $id) { completedReviews(first: 2) { values { value measure { name } } } } }`,
      { id: s.programmeId },
      coordinator.token,
    );
    expect(newestFirst.programme.completedReviews.map((r: { values: { value: number }[] }) => r.values.map((v) => v.value))).toEqual([
      [11, 71],
      [8, 75],
    ]);

    const retired = await api.ok(UPDATE_MEASURE, { input: { measureId: delay.id, active: false } }, coordinator.token);
    expect(retired.updateMeasure).toMatchObject({ active: false, retiredOn: today });
    const refused = await complete({
      reviewId: await nextReviewId(s.programmeId),
      periodStart: today,
      periodEnd: today,
      values: [
        { measureId: reach.id, value: 80 },
        { measureId: delay.id, value: 5 },
      ],
    });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/not an active measure/), extensions: { field: 'values.1.measureId' } });
    await completeOk({ reviewId: await nextReviewId(s.programmeId), periodStart: today, periodEnd: today, values: [{ measureId: reach.id, value: 80 }] });

    const after = await read(s.programmeId);
    expect(after.measures.map((m: { name: string; active: boolean }) => [m.name, m.active])).toEqual([
      ['Reach', true],
      ['Delay', false],
    ]);
    expect(after.measures[1].latestValue).toMatchObject({ value: 11 });
    expect(after.measures[0].trend.movement).toBe('IMPROVING');
    const activeOnly = await api.ok(`query($id: ID!) { programme(id: $id) { measures { name } } }`, { id: s.programmeId }, coordinator.token);
    expect(activeOnly.programme.measures).toEqual([{ name: 'Reach' }]);

    // A changed target applies from the next review on; recorded values keep the target they were judged by.
    await api.ok(UPDATE_MEASURE, { input: { measureId: reach.id, target: 90 } }, coordinator.token);
    const kept = await read(s.programmeId);
    expect(kept.measures[0]).toMatchObject({ target: 90, latestValue: { value: 80, met: true } });
    const reinstated = await api.ok(UPDATE_MEASURE, { input: { measureId: delay.id, active: true } }, coordinator.token);
    expect(reinstated.updateMeasure).toMatchObject({ active: true, retiredOn: null });
  });

  it('reads back a review and actions past their due dates with the days overdue', async () => {
    const s = await programme();
    const reviewId = await nextReviewId(s.programmeId);
    await api.owner.query(`update improvement_review set due_on = current_date - 12 where id = $1`, [reviewId]);
    expect((await read(s.programmeId)).nextReview).toMatchObject({ id: reviewId, daysOverdue: 12, dueOn: addDays(today, -12) });

    const done = await completeOk({
      reviewId,
      periodStart: addDays(today, -40),
      periodEnd: addDays(today, -1),
      values: [],
      actions: [
        { description: 'Agree a shared referral form', ownerPersonId: s.people[0].id, dueOn: today },
        { description: 'Publish the waiting list weekly', ownerPersonId: s.people[1].id, dueOn: addDays(today, 20) },
      ],
    });
    expect(done.daysOverdue).toBe(12);
    // Completed late, the next review is still due a cadence after completion.
    expect((await read(s.programmeId)).nextReview).toMatchObject({ dueOn: addDays(today, 30), daysOverdue: 0 });

    const [first] = done.actions;
    await api.owner.query(`update improvement_action set raised_on = current_date - 30, due_on = current_date - 5 where id = $1`, [first.id]);
    const p = await read(s.programmeId);
    expect(p.openActions.map((a: { description: string; daysOverdue: number }) => [a.description, a.daysOverdue])).toEqual([
      ['Agree a shared referral form', 5],
      ['Publish the waiting list weekly', 0],
    ]);
    expect(p.completedReviews[0].daysOverdue).toBe(12);
  });

  it('changes an action’s status with its date, and keeps the review’s record of it', async () => {
    const s = await programme();
    const done = await completeOk({
      reviewId: await nextReviewId(s.programmeId),
      periodStart: addDays(today, -30),
      periodEnd: today,
      values: [],
      actions: [{ description: 'Share the data dashboard', ownerPersonId: s.people[0].id, dueOn: addDays(today, 10) }],
    });
    const actionId = done.actions[0].id;
    await api.owner.query(`update improvement_action set raised_on = current_date - 20 where id = $1`, [actionId]);
    const update = (input: Record<string, unknown>, token = coordinator.token) => api.graphql(UPDATE_ACTION, { input: { actionId, ...input } }, token);

    const closed = await update({ status: 'DONE' }, reviewer.token);
    expect(closed.data?.updateImprovementAction).toMatchObject({ status: 'DONE', closedOn: today, daysOverdue: 0 });
    expect((await read(s.programmeId)).openActions).toEqual([]);

    const reopened = await update({ status: 'OPEN' });
    expect(reopened.data?.updateImprovementAction).toMatchObject({ status: 'OPEN', closedOn: null });
    expect((await read(s.programmeId)).openActions).toHaveLength(1);

    const dropped = await update({ status: 'DROPPED', closedOn: addDays(today, -3), note: 'Replaced by the regional dashboard.' });
    expect(dropped.data?.updateImprovementAction).toMatchObject({ status: 'DROPPED', closedOn: addDays(today, -3), note: 'Replaced by the regional dashboard.' });

    const moved = await update({ dueOn: addDays(today, -1), ownerPersonId: s.people[1].id });
    expect(moved.data?.updateImprovementAction).toMatchObject({ status: 'DROPPED', closedOn: addDays(today, -3), owner: { id: s.people[1].id } });

    const before = await snapshot(s.programmeId);
    for (const [input, field] of [
      [{ status: 'DONE', closedOn: addDays(today, 1) }, 'closedOn'],
      [{ status: 'DONE', closedOn: addDays(today, -21) }, 'closedOn'],
      [{ status: 'OPEN', closedOn: today }, 'closedOn'],
      [{ status: 'DONE', closedOn: '2025-02-30' }, 'closedOn'],
      [{ dueOn: addDays(today, -25) }, 'dueOn'],
      [{ ownerPersonId: s.outsider.id }, 'ownerPersonId'],
      [{ description: '' }, 'description'],
    ] as const) {
      const result = await update(input);
      expect([input, codeOf(result), result.errors?.[0].extensions.field]).toEqual([input, 'BAD_USER_INPUT', field]);
    }
    expect(await snapshot(s.programmeId)).toEqual(before);

    const review = await api.ok(
      `query($id: ID!) { improvementReview(id: $id) { actions { status closedOn } } }`,
      { id: done.id },
      coordinator.token,
    );
    expect(review.improvementReview.actions).toEqual([{ status: 'DROPPED', closedOn: addDays(today, -3) }]);
    const changes = (await eventsOf(s.programmeId, 'improvement.action_changed')).map((e) => e.payload.change);
    expect(changes.sort()).toEqual(['CREATED', 'UPDATED', 'UPDATED', 'UPDATED', 'UPDATED']);
    const trail = await api.ok(
      `query($id: ID!) { auditEvents(entityType: "IMPROVEMENT_ACTION", entityId: $id, first: 10) { nodes { action } } }`,
      { id: actionId },
      coordinator.token,
    );
    expect(trail.auditEvents.nodes).toHaveLength(5);
  });

  it('completes a review once, also when two completions race', async () => {
    const s = await programme();
    const m = await measure(s.programmeId, { name: 'Reach', target: 10, direction: 'HIGHER_IS_BETTER' });
    const reviewId = await nextReviewId(s.programmeId);
    const input = { reviewId, periodStart: addDays(today, -30), periodEnd: today, values: [{ measureId: m.id, value: 12 }] };
    const results = await Promise.all([complete(input), complete(input, coordinator.token)]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
    const again = await complete(input);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0].message).toMatch(/already completed on/);

    const reviews = await api.owner.query(`select status from improvement_review where programme_id = $1 order by status`, [s.programmeId]);
    expect(reviews).toEqual([{ status: 'COMPLETED' }, { status: 'SCHEDULED' }]);
    expect(await api.owner.query(`select value from improvement_measure_value where review_id = $1`, [reviewId])).toEqual([{ value: 12 }]);
  });

  it('lets reviewers complete reviews but not manage measures; representatives read their localities’ reviews and change nothing', async () => {
    const s = await programme();
    const m = await measure(s.programmeId, { name: 'By the admin', target: 1, direction: 'HIGHER_IS_BETTER' }, tenant.adminToken);
    expect(codeOf(await api.graphql(CREATE_MEASURE, { input: { programmeId: s.programmeId, name: 'X', unit: '%', target: 1, direction: 'HIGHER_IS_BETTER' } }, reviewer.token))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await api.graphql(UPDATE_MEASURE, { input: { measureId: m.id, name: 'Y' } }, reviewer.token))).toBe('FORBIDDEN');
    const done = await completeOk(
      {
        reviewId: await nextReviewId(s.programmeId),
        periodStart: today,
        periodEnd: today,
        values: [{ measureId: m.id, value: 1 }],
        actions: [{ description: 'Write it up', ownerPersonId: s.people[0].id, dueOn: today }],
      },
      coordinator.token,
    );

    // The representative of a participating body reads everything of the programme…
    const seen = await read(s.programmeId, s.rep.token);
    expect(seen.measures).toHaveLength(1);
    expect(seen.completedReviews[0].id).toBe(done.id);
    expect(seen.openActions).toHaveLength(1);
    expect(seen.nextReview.status).toBe('SCHEDULED');
    const review = await api.ok(`query($id: ID!) { improvementReview(id: $id) { findings } }`, { id: done.id }, s.rep.token);
    expect(review.improvementReview.findings).toBe('Steady progress.');

    // …and changes nothing.
    const before = await snapshot(s.programmeId);
    const attempts = [
      api.graphql(CREATE_MEASURE, { input: { programmeId: s.programmeId, name: 'X', unit: '%', target: 1, direction: 'HIGHER_IS_BETTER' } }, s.rep.token),
      api.graphql(UPDATE_MEASURE, { input: { measureId: m.id, name: 'Y' } }, s.rep.token),
      complete({ reviewId: seen.nextReview.id, periodStart: today, periodEnd: today, values: [{ measureId: m.id, value: 1 }] }, s.rep.token),
      api.graphql(UPDATE_ACTION, { input: { actionId: seen.openActions[0].id, status: 'DONE' } }, s.rep.token),
    ];
    expect((await Promise.all(attempts)).map(codeOf)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(await snapshot(s.programmeId)).toEqual(before);
    const audit = await api.graphql(
      `query($id: ID!) { auditEvents(entityType: "REVIEW", entityId: $id, first: 10) { nodes { action } } }`,
      { id: done.id },
      s.rep.token,
    );
    expect(codeOf(audit)).toBe('FORBIDDEN');

    // A representative of a body outside the locality does not see the review at all.
    const elsewhere = await make.locality();
    const [stranger] = await make.members(elsewhere.id, 1);
    const outsiderRep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id);
    const hidden = await api.graphql(`query($id: ID!) { improvementReview(id: $id) { id } }`, { id: done.id }, outsiderRep.token);
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message).toBe('The review was not found.');
    expect(codeOf(await api.graphql(READ, { id: s.programmeId }, outsiderRep.token))).toBe('NOT_FOUND');
  });

  it('reads a locality’s programmes with their measures, reviews and actions in a flat number of statements', async () => {
    const LOCALITY_REVIEWS = `query($id: ID!) {
      locality(id: $id) {
        programmes {
          measures { latestValue { value measure { name } } trend { values { met } movement } }
          nextReview { dueOn daysOverdue programme { name } }
          completedReviews { values { met measure { name } } actions { owner { fullName } } }
          openActions { daysOverdue owner { fullName } review { completedOn } }
        }
      }
    }`;
    async function localityWith(programmes: number): Promise<string> {
      const locality = await make.locality();
      const [body] = await make.members(locality.id, 1);
      const owner = await make.person(body.id);
      for (let i = 0; i < programmes; i++) {
        const p = await make.programme(locality.id, [body.id]);
        const a = await measure(p.id, { name: 'A', target: 1, direction: 'HIGHER_IS_BETTER' });
        const b = await measure(p.id, { name: 'B', target: 1, direction: 'LOWER_IS_BETTER' });
        await completeOk({
          reviewId: await nextReviewId(p.id),
          periodStart: today,
          periodEnd: today,
          values: [
            { measureId: a.id, value: 2 },
            { measureId: b.id, value: 2 },
          ],
          actions: [{ description: 'Act', ownerPersonId: owner.id, dueOn: today }],
        });
      }
      return locality.id;
    }
    const statementsFor = async (localityId: string) => {
      const before = StatementCounter.total;
      const data = await api.ok(LOCALITY_REVIEWS, { id: localityId }, coordinator.token);
      return { programmes: data.locality.programmes, statements: StatementCounter.total - before };
    };
    const small = await statementsFor(await localityWith(1));
    const large = await statementsFor(await localityWith(4));
    expect(large.programmes).toHaveLength(4);
    expect(large.programmes[3].completedReviews[0].values).toEqual([
      { met: true, measure: { name: 'A' } },
      { met: false, measure: { name: 'B' } },
    ]);
    expect(large.programmes[3].openActions).toHaveLength(1);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeGreaterThan(5);
    expect(small.statements).toBeLessThanOrEqual(20);
  });

  it('refuses bad input and leaves nothing behind', async () => {
    const s = await programme();
    const reach = await measure(s.programmeId, { name: 'Reach', target: 70, direction: 'HIGHER_IS_BETTER' });
    const delay = await measure(s.programmeId, { name: 'Delay', unit: 'days', target: 10, direction: 'LOWER_IS_BETTER' });
    const reviewId = await nextReviewId(s.programmeId);
    const valid = {
      reviewId,
      periodStart: addDays(today, -30),
      periodEnd: today,
      values: [
        { measureId: reach.id, value: 71 },
        { measureId: delay.id, value: 9 },
      ],
      actions: [{ description: 'Do better', ownerPersonId: s.people[0].id, dueOn: addDays(today, 7) }],
    };
    const before = await snapshot(s.programmeId);
    const cases: [string, Record<string, unknown>, string][] = [
      ['effectiveness 0', { effectivenessRating: 0 }, 'effectivenessRating'],
      ['efficiency 6', { efficiencyRating: 6 }, 'efficiencyRating'],
      ['period end before start', { periodStart: today, periodEnd: addDays(today, -1) }, 'periodEnd'],
      ['not a calendar date', { periodEnd: '2025-02-30' }, 'periodEnd'],
      ['a measure missing', { values: [{ measureId: reach.id, value: 71 }] }, 'values'],
      ['a measure twice', { values: [...valid.values, { measureId: reach.id, value: 1 }] }, 'values.2.measureId'],
      ['an owner outside the programme', { actions: [{ ...valid.actions[0], ownerPersonId: s.outsider.id }] }, 'actions.0.ownerPersonId'],
      ['an action due before today', { actions: [{ ...valid.actions[0], dueOn: addDays(today, -1) }] }, 'actions.0.dueOn'],
      ['empty findings', { findings: ' ' }, 'findings'],
      ['a value beyond the bound', { values: [valid.values[0], { measureId: delay.id, value: 1e300 }] }, 'values.1.value'],
    ];
    for (const [name, change, field] of cases) {
      const result = await complete({ ...valid, ...change });
      expect([name, codeOf(result), result.errors?.[0].extensions.field]).toEqual([name, 'BAD_USER_INPUT', field]);
    }
    const outsider = await complete({ ...valid, actions: [{ ...valid.actions[0], ownerPersonId: s.outsider.id }] });
    expect(outsider.errors?.[0].message).toMatch(new RegExp(`${s.outsider.fullName} does not work for an organisation taking part`));

    // Non-finite numbers cannot come as JSON; written into the document they reach validation.
    const infinite = await api.graphql(
      `mutation($r: ID!, $a: ID!, $b: ID!) { completeReview(input: { reviewId: $r, periodStart: "${today}", periodEnd: "${today}",
        values: [{ measureId: $a, value: 1e999 }, { measureId: $b, value: 1 }], effectivenessRating: 3, efficiencyRating: 3, findings: "x" }) { id } }`,
      { r: reviewId, a: reach.id, b: delay.id },
      reviewer.token,
    );
    expect([codeOf(infinite), infinite.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', 'values.0.value']);
    expect(await snapshot(s.programmeId)).toEqual(before);

    // An owner who is nobody at all is refused the same way.
    expect(codeOf(await complete({ ...valid, actions: [{ ...valid.actions[0], ownerPersonId: '00000000-0000-4000-8000-000000000000' }] }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await snapshot(s.programmeId)).toEqual(before);

    // Measures: bounded text, finite numbers, unique names.
    for (const [input, field] of [
      [{ name: '', target: 1, direction: 'HIGHER_IS_BETTER' }, 'name'],
      [{ name: 'Long unit', unit: 'u'.repeat(51), target: 1, direction: 'HIGHER_IS_BETTER' }, 'unit'],
      [{ name: 'Huge', target: 1e16, direction: 'HIGHER_IS_BETTER' }, 'target'],
    ] as const) {
      const result = await api.graphql(CREATE_MEASURE, { input: { programmeId: s.programmeId, unit: '%', ...input } }, coordinator.token);
      expect([codeOf(result), result.errors?.[0].extensions.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    const duplicate = await api.graphql(
      CREATE_MEASURE,
      { input: { programmeId: s.programmeId, name: 'reach', unit: '%', target: 1, direction: 'HIGHER_IS_BETTER' } },
      coordinator.token,
    );
    expect(codeOf(duplicate)).toBe('CONFLICT');
    expect(duplicate.errors?.[0].message).toMatch(/already has a measure named "reach"/);
    expect(codeOf(await api.graphql(UPDATE_MEASURE, { input: { measureId: delay.id, name: 'REACH' } }, coordinator.token))).toBe('CONFLICT');
    expect(await snapshot(s.programmeId)).toEqual(before);

    // A closed programme's review is cancelled and its measures no longer change.
    await api.ok(`mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { status } }`, { input: { programmeId: s.programmeId, status: 'CLOSED' } }, coordinator.token);
    const late = await complete(valid);
    expect(codeOf(late)).toBe('CONFLICT');
    expect(late.errors?.[0].message).toMatch(/was cancelled on/);
    expect(codeOf(await api.graphql(UPDATE_MEASURE, { input: { measureId: delay.id, target: 5 } }, coordinator.token))).toBe('CONFLICT');
  });
});
