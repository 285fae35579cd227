import { ApiHarness, TestTenant, TestUser, codeOf, sharedApi } from '../support/api-harness';
import { RegistryFactory } from '../support/registry-factory';

/** A programme's completed reviews and its actions, a page at a time (Programme.reviews, Programme.improvementActions). */
const PAGES = `query($id: ID!, $first: Int!, $reviewsAfter: String, $actionsAfter: String) {
  programme(id: $id) {
    reviews(first: $first, after: $reviewsAfter) { nodes { id findings } pageInfo { hasNextPage endCursor } }
    improvementActions(first: $first, after: $actionsAfter) { nodes { description status dueOn } pageInfo { hasNextPage endCursor } }
  }
}`;
const ACTION = `query($id: ID!) { improvementAction(id: $id) { description review { findings programme { id } } } }`;
const COMPLETE = `mutation($input: CompleteReviewInput!) { completeReview(input: $input) { id } }`;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('improvement lists, a page at a time', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let programmeId: string;
  let today: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('improve-lists');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    const make = new RegistryFactory(api, coordinator.token);
    today = (await api.owner.query(`select current_date::text as d`))[0].d;
    const locality = await make.locality();
    const [a] = await make.members(locality.id, 1);
    programmeId = (await make.programme(locality.id, [a.id])).id;
    const owner = await make.person(a.id, 'Ada Owner');
    // Three completed reviews, each raising one action due later than the one before.
    for (const n of [1, 2, 3]) {
      const { programme } = await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programmeId }, coordinator.token);
      await api.ok(
        COMPLETE,
        {
          input: {
            reviewId: programme.nextReview.id,
            periodStart: addDays(today, -30),
            periodEnd: today,
            values: [],
            effectivenessRating: 3,
            efficiencyRating: 3,
            findings: `Review ${n}`,
            actions: [{ description: `Action ${n}`, ownerPersonId: owner.id, dueOn: addDays(today, n) }],
          },
        },
        coordinator.token,
      );
    }
  });
  afterAll(() => sharedApi.leave(api));

  const page = (variables: Record<string, unknown>, token = coordinator.token) =>
    api.graphql(PAGES, { id: programmeId, first: 2, ...variables }, token);

  it('lists completed reviews newest first and actions earliest due first, with a cursor to the rest', async () => {
    const first = (await page({})).data!.programme;
    expect(first.reviews.nodes.map((r: { findings: string }) => r.findings)).toEqual(['Review 3', 'Review 2']);
    expect(first.reviews.pageInfo.hasNextPage).toBe(true);
    expect(first.improvementActions.nodes.map((a: { description: string }) => a.description)).toEqual(['Action 1', 'Action 2']);
    expect(first.improvementActions.pageInfo.hasNextPage).toBe(true);

    const next = (await page({ reviewsAfter: first.reviews.pageInfo.endCursor, actionsAfter: first.improvementActions.pageInfo.endCursor }))
      .data!.programme;
    expect(next.reviews.nodes.map((r: { findings: string }) => r.findings)).toEqual(['Review 1']);
    expect(next.reviews.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    expect(next.improvementActions.nodes).toEqual([{ description: 'Action 3', status: 'OPEN', dueOn: addDays(today, 3) }]);
    expect(next.improvementActions.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor it did not give out and a page larger than 100', async () => {
    const forged = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    expect(codeOf(await page({ actionsAfter: forged }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await page({ reviewsAfter: forged }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await page({ first: 101 }))).toBe('BAD_USER_INPUT');
  });

  it('reads one action, with its review and programme, for any role of the tenant', async () => {
    const [actionId] = await actionIds();
    const reviewer = await api.newUser(tenant, 'REVIEWER');
    const { improvementAction } = await api.ok(ACTION, { id: actionId }, reviewer.token);
    expect(improvementAction).toEqual({ description: 'Action 1', review: { findings: 'Review 1', programme: { id: programmeId } } });
  });

  it("shows another tenant nothing: the programme and the action are not found", async () => {
    const other = await api.newTenant('improve-lists-other');
    const stranger = await api.newUser(other, 'COORDINATOR');
    expect(codeOf(await page({}, stranger.token))).toBe('NOT_FOUND');
    expect(codeOf(await api.graphql(ACTION, { id: (await actionIds())[0] }, stranger.token))).toBe('NOT_FOUND');
  });

  const actionIds = async (): Promise<string[]> =>
    (await api.owner.query(`select id from improvement_action where programme_id = $1 order by due_on`, [programmeId])).map((r: { id: string }) => r.id);
});
