import ICAL from 'ical.js';
import { DeadlinesService } from '@joinedup/deadlines';
import { TenantDb } from '@joinedup/database';
import { ApiHarness, TestTenant, TestUser } from '../support/api-harness';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

const RENEW = `mutation { renewCalendarFeed { url feed { createdAt lastFetchedAt } } }`;
const REVOKE = `mutation { revokeCalendarFeed }`;
const STATUS = `query { calendarFeed { createdAt lastFetchedAt } }`;
const input = (value: Record<string, unknown>) => ({ input: value });

interface FeedEvent {
  uid: string;
  start: string;
  sequence: number;
  status: string;
  summary: string;
  url: string;
}

/** YYYY-MM-DD `days` after today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const icsDate = (date: string) => date.replaceAll('-', '');

describe('calendar feeds of the deadlines a user can act on', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  const rep = {} as Record<'A' | 'B' | 'C', TestUser>;
  const org = {} as Record<'A' | 'B' | 'C', string>;
  let host: string;
  let programme: { id: string; name: string };
  let conflictId: string;
  let roundId: string;
  let alignmentId: string;
  let nominationId: string;
  let actionId: string;
  let reviewId: string;

  /** The feed's events as a real parser reads them, fetched over HTTP from the harness. */
  async function fetchFeed(url: string): Promise<{ status: number; events: FeedEvent[]; text: string }> {
    const response = await fetch(`${api.url}${new URL(url).pathname}`);
    const text = await response.text();
    if (response.status !== 200) return { status: response.status, events: [], text };
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => ({
      uid: String(vevent.getFirstPropertyValue('uid')),
      start: vevent.getFirstProperty('dtstart')!.toICALString(),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      status: String(vevent.getFirstPropertyValue('status')),
      summary: String(vevent.getFirstPropertyValue('summary')),
      url: String(vevent.getFirstPropertyValue('url')),
    }));
    return { status: 200, events, text };
  }
  const renew = async (user: TestUser): Promise<string> => (await api.ok(RENEW, {}, user.token)).renewCalendarFeed.url;
  const uid = (id: string) => `${id}@${host}`;
  const eventOf = (events: FeedEvent[], id: string) => events.find((event) => event.uid === uid(id));

  beforeAll(async () => {
    // The throttle's test speaks as an address of its own, told by the loopback proxy.
    api = await ApiHarness.start({ TRUST_PROXY: 'loopback' });
    host = new URL(api.config.healthCheck.linkBase).host;
    tenant = await api.newTenant('calendar');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const make = new RegistryFactory(api, coordinator.token);
    const locality = await make.locality();
    const [a, b, c] = await make.members(locality.id, 3);
    Object.assign(org, { A: a.id, B: b.id, C: c.id });
    for (const key of ['A', 'B', 'C'] as const) rep[key] = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', org[key]);
    programme = await make.programme(locality.id, [a.id, b.id, c.id]);

    // A conflict raised by A with B, at its first stage: C is a member but not involved.
    const process = await api.ok(
      `mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`,
      input({ localityId: locality.id, stages: [{ name: 'Talk it through', owner: 'Leads', timeLimitDays: 7 }] }),
      coordinator.token,
    );
    await api.ok(`mutation($input: AgreeConflictProcessInput!) { agreeConflictProcess(input: $input) { id } }`,
      input({ processId: process.setConflictProcess.id }), coordinator.token);
    conflictId = (
      await api.ok(
        `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
        input({ localityId: locality.id, programmeId: programme.id, partyIds: [b.id], category: 'RESOURCES', severity: 'HIGH',
                title: 'Confidential funding row', description: 'Who pays for the shared team.' }),
        rep.A.token,
      )
    ).raiseConflict.id;
    await api.ok(`mutation($input: ConflictTransitionInput!) { acknowledgeConflict(input: $input) { id } }`, input({ conflictId }), rep.B.token);
    await api.ok(`mutation($input: ConflictTransitionInput!) { startConflictResolution(input: $input) { id } }`, input({ conflictId }), rep.A.token);

    // C is asked to adapt a process; a leader is nominated and A endorses at once.
    alignmentId = (
      await api.ok(
        `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`,
        input({ programmeId: programme.id, requestingOrganisationId: a.id, targetOrganisationId: c.id, kind: 'REFERRAL_PROCESS',
                title: 'Adopt the shared referral form', description: 'One form for every referral.', responseDueOn: day(20) }),
        coordinator.token,
      )
    ).requestAlignment.id;
    const leader = await make.person(a.id);
    nominationId = (await make.nominate(programme.id, leader.id)).id;
    await api.ok(ENDORSE, input({ nominationId, organisationId: a.id, position: 'SUPPORT' }), rep.A.token);

    // The programme's first review, completed with an action owned by C's representative (by email).
    const owner = await make.person(c.id, 'Casey Owner', rep.C.email);
    const firstReview = (await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programme.id }, coordinator.token))
      .programme.nextReview.id;
    const completed = await api.ok(
      `mutation($input: CompleteReviewInput!) { completeReview(input: $input) { id actions { id } } }`,
      input({ reviewId: firstReview, periodStart: day(-90), periodEnd: day(0), effectivenessRating: 3, efficiencyRating: 3,
              findings: 'Going fine.', values: [], actions: [{ description: 'Share the referral data', dueOn: day(30), ownerPersonId: owner.id }] }),
      coordinator.token,
    );
    actionId = completed.completeReview.actions[0].id;
    reviewId = (await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programme.id }, coordinator.token))
      .programme.nextReview.id;

    roundId = (
      await api.ok(
        `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`,
        input({ localityId: locality.id, title: 'Spring health check', opensOn: day(0), closesOn: day(14) }),
        coordinator.token,
      )
    ).openSurveyRound.id;
  });
  afterAll(() => api.stop());

  it('gives a coordinator the conflict stage, the review and the round, each on its day with its page', async () => {
    const url = await renew(coordinator);
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const { events } = await fetchFeed(url);
    const stage = eventOf(events, `conflict-stage-${conflictId}-1`);
    expect(stage).toMatchObject({ start: `DTSTART;VALUE=DATE:${icsDate(day(7))}`, sequence: 0, status: 'CONFIRMED' });
    expect(stage!.summary).toBe('Conflict stage 1 (Talk it through) due: Confidential funding row');
    expect(stage!.url).toBe(`${new URL(url).origin}/records/conflicts/${conflictId}`);
    expect(eventOf(events, `improvement-review-${reviewId}`)).toMatchObject({ status: 'CONFIRMED' });
    expect(eventOf(events, `health-check-round-${roundId}`)).toMatchObject({
      start: `DTSTART;VALUE=DATE:${icsDate(day(14))}`,
      url: `${new URL(url).origin}/health-check-rounds/rounds/${roundId}`,
    });
    // Not theirs to act on: a body's answer and endorsement.
    expect(eventOf(events, `alignment-answer-${alignmentId}`)).toBeUndefined();
    expect(events.some((event) => event.uid.startsWith('endorsement-'))).toBe(false);

    const status = await api.ok(STATUS, {}, coordinator.token);
    expect(status.calendarFeed.lastFetchedAt).not.toBeNull();
  });

  it("gives a member representative only their own body's deadlines, and no conflict they may not read", async () => {
    const { events, text } = await fetchFeed(await renew(rep.C));
    expect(events.map((event) => event.uid).sort()).toEqual(
      [uid(`alignment-answer-${alignmentId}`), uid(`endorsement-${nominationId}-${org.C}`), uid(`improvement-action-${actionId}`)].sort(),
    );
    expect(eventOf(events, `alignment-answer-${alignmentId}`)!.url).toMatch(`/bodies/${org.C}/alignment-requests/${alignmentId}/answer`);
    expect(eventOf(events, `endorsement-${nominationId}-${org.C}`)!.url).toMatch(
      `/bodies/${org.C}/programmes/${programme.id}/nominations/${nominationId}/endorse`,
    );
    expect(text).not.toContain('Confidential funding row');
    expect(text).not.toContain(org.A);
    expect(text).not.toContain(org.B);

    // A already endorsed: nothing waits for A; B, a party, has the conflict stage.
    const forA = await fetchFeed(await renew(rep.A));
    expect(forA.events.some((event) => event.uid.startsWith('endorsement-'))).toBe(false);
    const forB = await fetchFeed(await renew(rep.B));
    expect(eventOf(forB.events, `conflict-stage-${conflictId}-1`)).toBeDefined();
    expect(eventOf(forB.events, `endorsement-${nominationId}-${org.B}`)).toBeDefined();
    expect(forB.text).not.toContain(`/bodies/${org.C}`);
  });

  it('keeps the UID and bumps SEQUENCE when a due date changes, and cancels a deadline that went away', async () => {
    const url = await renew(rep.C);
    expect(eventOf((await fetchFeed(url)).events, `improvement-action-${actionId}`)).toMatchObject({ sequence: 0 });
    await api.ok(`mutation($input: UpdateImprovementActionInput!) { updateImprovementAction(input: $input) { id } }`,
      input({ actionId, dueOn: day(40) }), coordinator.token);
    const moved = eventOf((await fetchFeed(url)).events, `improvement-action-${actionId}`);
    expect(moved).toMatchObject({ start: `DTSTART;VALUE=DATE:${icsDate(day(40))}`, sequence: 1, status: 'CONFIRMED' });
    // Fetching again without a change changes nothing.
    expect(eventOf((await fetchFeed(url)).events, `improvement-action-${actionId}`)).toMatchObject({ sequence: 1 });

    const coordinatorUrl = await renew(coordinator);
    expect(eventOf((await fetchFeed(coordinatorUrl)).events, `conflict-stage-${conflictId}-1`)).toMatchObject({ sequence: 0 });
    await api.ok(`mutation($input: ResolveConflictInput!) { resolveConflict(input: $input) { id } }`,
      input({ conflictId, outcome: 'Agreed to share the cost.' }), coordinator.token);
    const resolved = eventOf((await fetchFeed(coordinatorUrl)).events, `conflict-stage-${conflictId}-1`);
    expect(resolved).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(eventOf((await fetchFeed(coordinatorUrl)).events, `conflict-stage-${conflictId}-1`)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
  });

  it('answers 404 with no detail for a revoked, replaced, unknown or malformed address', async () => {
    const first = await renew(reviewer);
    expect((await fetchFeed(first)).status).toBe(200);
    const second = await renew(reviewer);
    expect(second).not.toBe(first);
    expect(await fetchFeed(first)).toMatchObject({ status: 404, text: 'Not found' });
    expect((await fetchFeed(second)).events.map((event) => event.uid)).toEqual([uid(`health-check-round-${roundId}`)]);
    expect((await api.ok(REVOKE, {}, reviewer.token)).revokeCalendarFeed).toBe(true);
    expect(await fetchFeed(second)).toMatchObject({ status: 404, text: 'Not found' });
    expect((await api.ok(STATUS, {}, reviewer.token)).calendarFeed).toBeNull();
    expect((await api.ok(REVOKE, {}, reviewer.token)).revokeCalendarFeed).toBe(false);
    // What the revoked feeds served is forgotten; the tenant administrator's audit trail says who did what.
    expect((await api.owner.query(
      `select count(*)::int as n from calendar_feed_event e join calendar_feed f on f.tenant_id = e.tenant_id and f.id = e.feed_id
        where f.user_id = $1`, [reviewer.id]))[0].n).toBe(0);
    expect(await api.owner.query(
      `select action from audit_event where tenant_id = $1 and entity_id = $2 and action like 'user.calendar_feed_%' order by occurred_at, id`,
      [tenant.id, reviewer.id])).toEqual([
      { action: 'user.calendar_feed_renewed' }, { action: 'user.calendar_feed_renewed' }, { action: 'user.calendar_feed_revoked' },
    ]);
    expect((await fetchFeed(`http://x/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetchFeed('http://x/calendar/not-a-secret.ics')).status).toBe(404);
    // Only the secret's SHA-256 is kept.
    const secret = new URL(second).pathname.slice('/calendar/'.length, -'.ics'.length);
    const stored = await api.owner.query(
      `select count(*)::int as n from calendar_feed where secret_hash = sha256(convert_to($1, 'UTF8')) and revoked_at is not null`,
      [secret],
    );
    expect(stored[0].n).toBe(1);
  });

  it('gives every role a feed, a tenant administrator an empty one (they act on none of these deadlines)', async () => {
    const url = (await api.ok(RENEW, {}, tenant.adminToken)).renewCalendarFeed.url;
    const { status, events, text } = await fetchFeed(url);
    expect(status).toBe(200);
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(events).toEqual([]);
  });

  it("never shows another tenant's deadlines", async () => {
    const other = await api.newTenant('calendar-other');
    const otherCoordinator = await api.newUser(other, 'COORDINATOR');
    const otherLocality = await new RegistryFactory(api, otherCoordinator.token).locality();
    const otherRound = (
      await api.ok(
        `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`,
        input({ localityId: otherLocality.id, title: 'Their round', opensOn: day(0), closesOn: day(5) }),
        otherCoordinator.token,
      )
    ).openSurveyRound.id;
    const theirs = await fetchFeed(await renew(otherCoordinator));
    expect(theirs.events.map((event) => event.uid)).toEqual([uid(`health-check-round-${otherRound}`)]);
    const ours = await fetchFeed(await renew(coordinator));
    expect(eventOf(ours.events, `health-check-round-${otherRound}`)).toBeUndefined();
  });

  it('reads every user’s deadlines of a window in one catalogue, for reminders', async () => {
    const db = api.app.get(TenantDb);
    const deadlines = api.app.get(DeadlinesService);
    const due = await db.run({ tenantId: tenant.id }, () => deadlines.dueBetween({ from: day(0), to: day(21) }));
    const round = due.filter((d) => d.id === `health-check-round-${roundId}`).map((d) => d.userId).sort();
    expect(round).toEqual([coordinator.id, reviewer.id].sort());
    expect(due.find((d) => d.id === `alignment-answer-${alignmentId}`)).toMatchObject({ userId: rep.C.id, dueOn: day(20), kind: 'ALIGNMENT_ANSWER_DUE' });
    // Outside the window: the action now due in 40 days.
    expect(due.some((d) => d.id === `improvement-action-${actionId}`)).toBe(false);

    // Paged, the same deadlines in the same order.
    const paged = [];
    for (let page = await db.run({ tenantId: tenant.id }, () => deadlines.dueBetween({ from: day(0), to: day(21) }, { first: 2 })); page.length; ) {
      paged.push(...page);
      const after = page[page.length - 1];
      page = await db.run({ tenantId: tenant.id }, () => deadlines.dueBetween({ from: day(0), to: day(21) }, { first: 2, after }));
    }
    expect(paged).toEqual(due);
  });
  it('counts every fetch against the client address, as the other public doors do, and then answers 429', async () => {
    const url = await renew(coordinator);
    const address = '203.0.113.7';
    const fetchFrom = () => fetch(`${api.url}${new URL(url).pathname}`, { headers: { 'x-forwarded-for': address } });
    expect((await fetchFrom()).status).toBe(200);
    const key = `calendar-address:${address}`;
    expect(await api.owner.query(`select attempts from survey_attempt_throttle where key = $1`, [key])).toEqual([{ attempts: 1 }]);
    try {
      await api.owner.query(`update survey_attempt_throttle set attempts = 1000 where key = $1`, [key]);
      const refused = await fetchFrom();
      expect(refused.status).toBe(429);
      expect(await refused.text()).not.toContain('BEGIN:VCALENDAR');
      // Other addresses are not held back.
      expect((await fetchFeed(url)).status).toBe(200);
    } finally {
      await api.owner.query(`delete from survey_attempt_throttle where key = $1`, [key]);
    }
  });
});
