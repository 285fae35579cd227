import { randomUUID } from 'node:crypto';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

interface Probe {
  name: string;
  query: string;
  /** Which of tenant B's records the probe aims at. */
  target: string;
  variables: (id: string) => Record<string, unknown>;
  as?: 'rep' | 'reviewer';
}

const COMPLETE = `mutation($input: CompleteReviewInput!) { completeReview(input: $input) { id } }`;

describe('improvement reviews isolation between tenants', () => {
  let api: ApiHarness;
  let a: TestTenant;
  let aCoordinator: string;
  let aReviewer: string;
  let aRep: TestUser;
  let aProgramme: string;
  let aMeasure: string;
  let today: string;
  const b: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    today = (await api.owner.query(`select current_date as d`))[0].d;
    a = await api.newTenant('imp-iso-a');
    const tenantB = await api.newTenant('imp-iso-b');
    aCoordinator = (await api.newUser(a, 'COORDINATOR')).token;
    aReviewer = (await api.newUser(a, 'REVIEWER')).token;
    const makeA = new RegistryFactory(api, aCoordinator);
    const aLocality = (await makeA.locality()).id;
    const [aBody] = await makeA.members(aLocality, 1);
    aRep = await api.newUser(a, 'MEMBER_REPRESENTATIVE', aBody.id);
    aProgramme = (await makeA.programme(aLocality, [aBody.id])).id;
    aMeasure = (
      await api.ok(
        `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`,
        { input: { programmeId: aProgramme, name: 'Ours', unit: '%', target: 1, direction: 'HIGHER_IS_BETTER' } },
        aCoordinator,
      )
    ).createMeasure.id;

    const bCoordinator = (await api.newUser(tenantB, 'COORDINATOR')).token;
    const makeB = new RegistryFactory(api, bCoordinator);
    const bLocality = (await makeB.locality('B Town')).id;
    const [bBody] = await makeB.members(bLocality, 1);
    b.person = (await makeB.person(bBody.id)).id;
    b.programme = (await makeB.programme(bLocality, [bBody.id])).id;
    b.measure = (
      await api.ok(
        `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`,
        { input: { programmeId: b.programme, name: 'Theirs', unit: '%', target: 5, direction: 'HIGHER_IS_BETTER' } },
        bCoordinator,
      )
    ).createMeasure.id;
    const read = async () =>
      (await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: b.programme }, bCoordinator)).programme;
    b.completedReview = (await read()).nextReview.id;
    const completed = await api.ok(
      `mutation($input: CompleteReviewInput!) { completeReview(input: $input) { actions { id } } }`,
      {
        input: {
          reviewId: b.completedReview,
          periodStart: today,
          periodEnd: today,
          values: [{ measureId: b.measure, value: 6 }],
          effectivenessRating: 3,
          efficiencyRating: 3,
          findings: 'Theirs only.',
          actions: [{ description: 'Their action', ownerPersonId: b.person, dueOn: today }],
        },
      },
      bCoordinator,
    );
    b.action = completed.completeReview.actions[0].id;
    b.review = (await read()).nextReview.id;
  });
  afterAll(() => sharedApi.leave(api));

  const completeInput = (reviewId: string) => ({
    input: { reviewId, periodStart: today, periodEnd: today, values: [], effectivenessRating: 3, efficiencyRating: 3, findings: 'Spy' },
  });

  const probes: Probe[] = [
    { name: 'improvementReview', target: 'review', query: `query($id: ID!) { improvementReview(id: $id) { id } }`, variables: (id) => ({ id }) },
    {
      name: 'improvementReview (completed, as a representative)',
      target: 'completedReview',
      query: `query($id: ID!) { improvementReview(id: $id) { findings } }`,
      variables: (id) => ({ id }),
      as: 'rep',
    },
    {
      name: 'createMeasure',
      target: 'programme',
      query: `mutation($id: ID!) { createMeasure(input: { programmeId: $id, name: "Spy", unit: "%", target: 1, direction: HIGHER_IS_BETTER }) { id } }`,
      variables: (id) => ({ id }),
    },
    {
      name: 'updateMeasure',
      target: 'measure',
      query: `mutation($id: ID!) { updateMeasure(input: { measureId: $id, name: "Taken", active: false }) { id } }`,
      variables: (id) => ({ id }),
    },
    { name: 'completeReview', target: 'review', query: COMPLETE, variables: completeInput, as: 'reviewer' },
    { name: 'completeReview (already completed)', target: 'completedReview', query: COMPLETE, variables: completeInput },
    {
      name: 'updateImprovementAction',
      target: 'action',
      query: `mutation($id: ID!) { updateImprovementAction(input: { actionId: $id, status: DROPPED, note: "Spy" }) { id } }`,
      variables: (id) => ({ id }),
      as: 'reviewer',
    },
  ];

  const tokenOf = (probe: Probe) => (probe.as === 'rep' ? aRep.token : probe.as === 'reviewer' ? aReviewer : aCoordinator);

  it.each(probes.map((p) => [p.name, p] as const))('%s: another tenant’s id reads exactly like an unknown one', async (_name, probe) => {
    const theirs = await api.graphql(probe.query, probe.variables(b[probe.target]), tokenOf(probe));
    const unknown = await api.graphql(probe.query, probe.variables(randomUUID()), tokenOf(probe));
    expect(theirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(theirs.errors?.map((e) => e.message)).toEqual(unknown.errors?.map((e) => e.message));
  });

  it('another tenant’s measure or person in our own review reads like an unknown one', async () => {
    const ownReview = (
      await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: aProgramme }, aCoordinator)
    ).programme.nextReview.id;
    const attempt = (values: unknown[], actions: unknown[] = []) =>
      api.graphql(
        COMPLETE,
        { input: { ...completeInput(ownReview).input, values, actions } },
        aReviewer,
      );
    const ours = { measureId: aMeasure, value: 1 };
    const theirMeasure = await attempt([ours, { measureId: b.measure, value: 1 }]);
    const unknownMeasure = await attempt([ours, { measureId: randomUUID(), value: 1 }]);
    expect(theirMeasure.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'values.1.measureId' });
    expect(theirMeasure.errors?.[0].message).toBe(unknownMeasure.errors?.[0].message);

    const theirPerson = await attempt([ours], [{ description: 'x', ownerPersonId: b.person, dueOn: today }]);
    const unknownPerson = await attempt([ours], [{ description: 'x', ownerPersonId: randomUUID(), dueOn: today }]);
    expect(theirPerson.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actions.0.ownerPersonId' });
    expect(theirPerson.errors?.[0].message).toBe(unknownPerson.errors?.[0].message);
  });

  it('reads and audit trails show nothing of the other tenant, and nothing of it changed', async () => {
    const read = await api.ok(
      `query($id: ID!, $review: ID!) {
        programme(id: $id) { measures(includeRetired: true) { id } completedReviews { id } openActions { id } nextReview { id } }
        auditEvents(entityType: "REVIEW", entityId: $review, first: 10) { nodes { id } }
      }`,
      { id: aProgramme, review: b.completedReview },
      aReviewer,
    );
    expect(read.programme.measures).toEqual([{ id: aMeasure }]);
    expect(read.programme.completedReviews).toEqual([]);
    expect(read.programme.openActions).toEqual([]);
    expect(read.auditEvents.nodes).toEqual([]);

    const [measure] = await api.owner.query(`select name, retired_on from improvement_measure where id = $1`, [b.measure]);
    expect(measure).toEqual({ name: 'Theirs', retired_on: null });
    const reviews = await api.owner.query(`select id, status, findings from improvement_review where programme_id = $1 order by status`, [
      b.programme,
    ]);
    expect(reviews).toEqual([
      { id: b.completedReview, status: 'COMPLETED', findings: 'Theirs only.' },
      { id: b.review, status: 'SCHEDULED', findings: null },
    ]);
    const [action] = await api.owner.query(`select status, note from improvement_action where id = $1`, [b.action]);
    expect(action).toEqual({ status: 'OPEN', note: null });
  });
});
