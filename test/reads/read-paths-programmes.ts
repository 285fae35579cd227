import { print, parse } from 'graphql';
import { actionDaysOverdue, reviewDaysOverdue } from '@joinedup/improvement';
import { milestoneDaysOverdue, milestoneOverdue } from '@joinedup/recognition';
import * as ImprovementPages from '../../libs/web/src/improvement/improvement.documents';
import * as ProgrammePages from '../../libs/web/src/programmes/programme.documents';
import * as RecordPages from '../../libs/web/src/programme-records/programme-records.documents';
import { ApiHarness, TestTenant, sharedApi } from '../support/api-harness';
import { SentRead, isJsonRead, sendRead } from '../support/read-both-ways';
import { ENDORSE, RegistryFactory } from '../support/registry-factory';

/**
 * The programmes' reads (programmes, leadership, briefings, alignment requests, milestones,
 * improvement) answered by one statement give, for every role, byte for byte what GraphQL
 * execution gives; where the role may read them they are compiled.
 */

/** Which record a document's `$id` names. */
type Subject = 'programme' | 'briefing' | 'request' | 'milestone' | 'action';

/** The web pages' documents of a programme, the record their `$id` names, and whether every field is described (compiled whole). */
const PAGES: [name: string, document: string, subject: Subject, compiled: boolean][] = [
  ['programmes of a locality', ProgrammePages.LOCALITY_PROGRAMMES, 'programme', true],
  ['programme', ProgrammePages.PROGRAMME, 'programme', true],
  // tally is the agreement rule's, computed in TypeScript.
  ['leadership', ProgrammePages.LEADERSHIP, 'programme', false],
  ['programme name', RecordPages.PROGRAMME_NAME, 'programme', true],
  ['briefings', RecordPages.BRIEFINGS, 'programme', true],
  ['briefing', RecordPages.BRIEFING, 'briefing', true],
  ['alignment requests', RecordPages.ALIGNMENT_REQUESTS, 'programme', true],
  ['alignment form', RecordPages.ALIGNMENT_FORM, 'programme', true],
  ['alignment request', RecordPages.ALIGNMENT_REQUEST, 'request', true],
  ['milestones', RecordPages.MILESTONES, 'programme', true],
  ['milestone form', RecordPages.MILESTONE_FORM, 'programme', true],
  ['milestone', RecordPages.MILESTONE, 'milestone', true],
  ['recognition form', RecordPages.RECOGNITION_FORM, 'programme', true],
  ['improvement', ImprovementPages.IMPROVEMENT_PAGE, 'programme', true],
  ['measure form', ImprovementPages.MEASURE_FORM, 'programme', true],
  ['review form', ImprovementPages.REVIEW_FORM, 'programme', true],
  ['action form', ImprovementPages.ACTION_FORM, 'action', true],
];

/** Every described field of the programmes' types, with aliases reused across levels, fragments and directives. */
const SHAPES: [name: string, document: string, subject: Subject][] = [
  [
    'a programme, every field',
    `query($id: ID!, $yes: Boolean!) { p: programme(id: $id) { __typename ...Programme
      leader { ...Leader reconfirmations { __typename id outcome dueOn decidedAt reconfirmedAt nextReconfirmBy nomination { ...Nomination } } }
      leaderHistory { ...Leader }
      openNomination { ...Nomination endorsements { ...Endorsement } endorsementHistory { ...Endorsement } }
      nominations { ...Nomination programme { id name: purpose p: leader { id } } endorsementHistory @include(if: $yes) { ...Endorsement } }
      participants { id name } locality { id name } } }
    fragment Programme on Programme { id name purpose status startsOn endsOn reviewCadenceDays leaderTermMonths
      agreementRule { __typename kind supportThreshold maxOpposing } }
    fragment Leader on ProgrammeLeader { id nominationId agreedAt reconfirmBy steppedDownAt stepDownReason person { fullName } }
    fragment Nomination on LeaderNomination { __typename id kind status nominatedByUserId nominatedAt decidedAt person { id fullName } }
    fragment Endorsement on Endorsement { id position comment endorsedByUserId endorsedAt organisation { name } }`,
    'programme',
  ],
  [
    'programmes of a locality, a page at a time',
    `query($localityId: ID!, $programmesAfter: String) { me { id role organisationId displayName email active createdAt }
      first: programmes(localityId: $localityId, first: 1) { nodes { id name } pageInfo { hasNextPage endCursor } }
      rest: programmes(localityId: $localityId, first: 5, after: $programmesAfter) { nodes { id agreementRule { supportThreshold } } pageInfo { endCursor hasNextPage } }
      locality(id: $localityId) { programmes { id name leader { id } openNomination { id } } } }`,
    'programme',
  ],
  [
    'briefings, every field, a page at a time',
    `query($id: ID!, $briefingsAfter: String) { programme(id: $id) {
      first: briefings(first: 1) { nodes { ...Briefing } pageInfo { hasNextPage endCursor } }
      rest: briefings(first: 1, after: $briefingsAfter) { pageInfo { endCursor hasNextPage } nodes { id briefing: title } } } }
    fragment Briefing on Briefing { __typename id title summary issuedOn link issuedByUserId issuedAt issuedByOrganisation { name }
      programme { id } acknowledgementCounts { recipients acknowledged pending }
      recipients { firstAcknowledgedAt organisation { id name } acknowledgement { ...Acknowledgement }
        history { ...Acknowledgement } }
      acknowledgements { ...Acknowledgement briefing { id title } } }
    fragment Acknowledgement on BriefingAcknowledgement { id cascade note acknowledgedByUserId acknowledgedAt organisation { name } }`,
    'programme',
  ],
  [
    'alignment requests and milestones, every field',
    `query($id: ID!, $status: [AlignmentStatus!]) { programme(id: $id) {
      alignmentRequests(first: 1) { nodes { ...Request } pageInfo { hasNextPage endCursor } }
      declined: alignmentRequests(status: $status) { nodes { id status declineReason } }
      participants { name alignmentRequestsMade(first: 5) { nodes { id title } } alignmentRequestsReceived { nodes { id requestingOrganisation { name } } } }
      milestones { __typename id name dueOn achievedOn achieved achievedByUserId programme { name }
        contributors { recognised organisation { id name } } } } }
    fragment Request on AlignmentRequest { __typename id kind title description status allowedActions requestedAt requestedOn responseDueOn responseOverdue
      response respondedAt respondedOn plannedOn declineReason adaptedOn withdrawnAt withdrawalReason
      programme { id } locality { name } requestingOrganisation { name } targetOrganisation { name }
      history { id fromStatus toStatus plannedOn adaptedOn note actorUserId occurredAt actorOrganisation { name } } }`,
    'programme',
  ],
  ['an alignment request', `query($id: ID!) { alignmentRequest(id: $id) { id title status history { toStatus } programme { name } } }`, 'request'],
  [
    "alignment requests of a programme, of a body, made and received",
    `query($programmeId: ID!, $body: ID!, $made: AlignmentDirection, $status: [AlignmentStatus!]) {
      ofProgramme: alignmentRequests(programmeId: $programmeId, first: 1) { nodes { id title } pageInfo { hasNextPage endCursor } }
      made: alignmentRequests(organisationId: $body, direction: $made) { nodes { id requestingOrganisation { name } } }
      received: alignmentRequests(organisationId: $body, direction: RECEIVED) { nodes { id } }
      both: alignmentRequests(organisationId: $body, programmeId: $programmeId, status: $status) { nodes { id status } pageInfo { endCursor } } }`,
    'programme',
  ],
  [
    'improvement, every field',
    `query($id: ID!, $actionsAfter: String, $no: Boolean!) { programme(id: $id) {
      all: measures(includeRetired: true) { ...Measure } active: measures { id }
      nextReview { ...Review } completedReviews(first: 1) { ...Review values { ...Value } actions { ...Action } }
      reviews(first: 1) { nodes { id completedOn } pageInfo { hasNextPage endCursor } }
      improvementActions(first: 1, after: $actionsAfter) { nodes { ...Action } pageInfo { hasNextPage endCursor } }
      openActions { ...Action review { id values @skip(if: $no) { value } } } } }
    fragment Measure on Measure { __typename id name unit baseline target direction active retiredOn latestValue { ...Value } }
    fragment Value on MeasureValue { reviewId value target direction met periodStart periodEnd completedOn measure { name } }
    fragment Review on ImprovementReview { id status dueOn daysOverdue periodStart periodEnd effectivenessRating efficiencyRating findings
      completedOn completedAt completedByUserId cancelledOn programme { id } }
    fragment Action on ImprovementAction { id reviewId description raisedOn dueOn status closedOn note daysOverdue owner { fullName } }`,
    'programme',
  ],
  [
    'nominations waiting for each body taking part',
    `query($id: ID!) { programme(id: $id) { participants { name
      nominationsToEndorse(first: 1) { count nodes { id kind nominatedAt person { fullName } programme { id name } } }
      all: nominationsToEndorse { count nodes { id } } } } }`,
    'programme',
  ],
  ['an improvement action and its review', `query($id: ID!) { improvementAction(id: $id) { id review { id status } } }`, 'action'],
];

const UNUSUAL = 'Ann "Nan" O\'Neil \\ tab\tline Żaneta ✓ 😀';

describe('the programmes read in one statement', () => {
  let api: ApiHarness;
  let tenant: TestTenant;
  let coordinator: string;
  const readers: Record<string, string> = {};
  let variables: Record<string, unknown>;
  let subjects: Record<Subject, string>;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('read-programmes');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality();
    const bodies = await make.members(locality.id, 4);
    const [a, b, c] = bodies.map((body) => body.id);
    const leader = await make.person(a, UNUSUAL);
    for (const id of [a, b, c]) await make.person(id);
    const programme = await make.programme(locality.id, [a, b, c], {
      purpose: 'Joined-up discharge',
      startsOn: '2026-01-05',
      agreementRule: { kind: 'QUALIFIED_MAJORITY', supportThreshold: 0.667, maxOpposing: 1 },
    });
    await make.programme(locality.id, [a]);
    await make.programme(locality.id, []);
    const reps = await Promise.all([a, b, c].map(async (id) => (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', id)).token));
    const endorse = (nominationId: string, i: number, position: string, comment?: string) =>
      api.ok(ENDORSE, { input: { nominationId, organisationId: [a, b, c][i], position, comment } }, reps[i]);
    // Agreed by two of three, then not re-confirmed, then a re-confirmation open with a changed position.
    const first = await make.nominate(programme.id, leader.id);
    await endorse(first.id, 2, 'OPPOSE', 'Not yet');
    await endorse(first.id, 0, 'SUPPORT');
    await endorse(first.id, 1, 'SUPPORT');
    const reconfirm = `mutation($input: OpenLeaderReconfirmationInput!) { openLeaderReconfirmation(input: $input) { id } }`;
    const again = (await api.ok(reconfirm, { input: { programmeId: programme.id } }, coordinator)).openLeaderReconfirmation;
    for (const i of [1, 2]) await endorse(again.id, i, 'OPPOSE');
    const open = (await api.ok(reconfirm, { input: { programmeId: programme.id } }, coordinator)).openLeaderReconfirmation;
    await endorse(open.id, 0, 'OPPOSE');
    await endorse(open.id, 0, 'ABSTAIN', 'On reflection');

    // Two briefings, acknowledged and then acknowledged again further.
    const issue = `mutation($input: IssueBriefingInput!) { issueBriefing(input: $input) { id } }`;
    const briefing = (await api.ok(issue, { input: { programmeId: programme.id, title: 'Winter plan', summary: 'Who does what.', issuedOn: '2026-11-02' } }, coordinator)).issueBriefing;
    await api.ok(issue, { input: { programmeId: programme.id, title: 'Spring plan', summary: 'Next.', link: 'https://example.org/b' } }, coordinator);
    const acknowledge = `mutation($input: AcknowledgeBriefingInput!) { acknowledgeBriefing(input: $input) { id } }`;
    for (const cascade of ['MANAGERS', 'FRONT_LINE']) {
      await api.ok(acknowledge, { input: { briefingId: briefing.id, organisationId: a, cascade, note: `To ${cascade}` } }, reps[0]);
    }
    const today: string = (await api.owner.query(`select current_date::text as d`))[0].d;
    // Alignment requests: one agreed, one declined, one waiting.
    const ask = `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`;
    const asking = (target: string, title: string) => ({
      input: { programmeId: programme.id, requestingOrganisationId: a, targetOrganisationId: target, kind: 'REFERRAL_PROCESS', title, description: 'Use the shared form.', responseDueOn: '2099-01-01' },
    });
    const request = (await api.ok(ask, asking(b, 'Shared referral form'), coordinator)).requestAlignment;
    const declined = (await api.ok(ask, asking(c, 'Shared data'), coordinator)).requestAlignment;
    await api.ok(`mutation($input: DeclineAlignmentRequestInput!) { declineAlignmentRequest(input: $input) { id } }`, { input: { requestId: declined.id, reason: 'Not now' } }, reps[2]);
    await api.ok(`mutation($input: AgreeAlignmentRequestInput!) { agreeAlignmentRequest(input: $input) { id } }`, { input: { requestId: request.id, plannedOn: today } }, reps[1]);
    await api.ok(ask, asking(c, 'Shared rota'), coordinator);
    // Milestones: one achieved with contributors, one not.
    const milestone = `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id } }`;
    const achieved = (await api.ok(milestone, { input: { programmeId: programme.id, name: 'Pilot ward', dueOn: '2026-03-01', achievedOn: '2026-02-20', contributorIds: [b, a] } }, coordinator)).createMilestone;
    await api.ok(milestone, { input: { programmeId: programme.id, name: 'All wards', dueOn: '2026-12-31', contributorIds: [] } }, coordinator);

    // Improvement: two measures, the scheduled review completed with their values and two actions.
    const measure = `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`;
    const reach = (await api.ok(measure, { input: { programmeId: programme.id, name: 'Reach', unit: '%', baseline: 12.5, target: 0.667, direction: 'HIGHER_IS_BETTER' } }, coordinator)).createMeasure;
    const delay = (await api.ok(measure, { input: { programmeId: programme.id, name: 'delay', unit: 'days', target: 3, direction: 'LOWER_IS_BETTER' } }, coordinator)).createMeasure;
    const review = (await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programme.id }, coordinator)).programme.nextReview;
    const completed = await api.ok(
      `mutation($input: CompleteReviewInput!) { completeReview(input: $input) { actions { id } } }`,
      {
        input: {
          reviewId: review.id, periodStart: today, periodEnd: today, effectivenessRating: 4, efficiencyRating: 3, findings: 'Steady.',
          values: [{ measureId: reach.id, value: 0.7 }, { measureId: delay.id, value: 4.25 }],
          actions: [
            { description: 'Recruit connectors', ownerPersonId: leader.id, dueOn: today },
            { description: 'Audit referrals', ownerPersonId: leader.id, dueOn: today },
          ],
        },
      },
      coordinator,
    );

    const elsewhere = await make.locality();
    const [stranger] = await make.members(elsewhere.id, 1);
    readers.TENANT_ADMIN = tenant.adminToken;
    readers.COORDINATOR = coordinator;
    readers.REVIEWER = (await api.newUser(tenant, 'REVIEWER')).token;
    readers['MEMBER_REPRESENTATIVE of a body taking part'] = reps[0];
    readers['MEMBER_REPRESENTATIVE of a body asked to adapt'] = reps[1];
    readers['MEMBER_REPRESENTATIVE of a body elsewhere'] = (await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', stranger.id)).token;
    const pages = await api.ok(
      `query($l: ID!, $p: ID!) { programmes(localityId: $l, first: 1) { pageInfo { endCursor } }
        programme(id: $p) { briefings(first: 1) { pageInfo { endCursor } } improvementActions(first: 1) { pageInfo { endCursor } } } }`,
      { l: locality.id, p: programme.id },
      coordinator,
    );
    subjects = { programme: programme.id, briefing: briefing.id, request: request.id, milestone: achieved.id, action: completed.completeReview.actions[0].id };
    variables = {
      programmeId: programme.id,
      localityId: locality.id,
      first: 20,
      candidates: 20,
      from: '2026-01-01',
      to: '2026-12-31',
      status: ['DECLINED'],
      programmesAfter: pages.programmes.pageInfo.endCursor,
      briefingsAfter: pages.programme.briefings.pageInfo.endCursor,
      actionsAfter: pages.programme.improvementActions.pageInfo.endCursor,
      no: false,
      body: a,
      made: 'MADE',
      yes: true,
    };
  });
  afterAll(() => sharedApi.leave(api));

  /** The raw response and the statements it sent, compiled (JsonReads on) or executed field by field. */
  const read = (query: string, token: string, compiled: boolean, id: string): Promise<SentRead> =>
    sendRead(api, query, { ...variables, id }, token, compiled);

  /** Compiled and executed answers are the same bytes; a reader who may see the programme gets it from one statement. */
  async function expectAlike(document: string, subject: Subject, whole: boolean) {
    const query = print(parse(document));
    for (const [reader, token] of Object.entries(readers)) {
      const compiled = await read(query, token, true, subjects[subject]);
      const executed = await read(query, token, false, subjects[subject]);
      expect({ reader, body: compiled.body }).toEqual({ reader, body: executed.body });
      const mayRead = !reader.endsWith('elsewhere');
      if (mayRead) expect({ reader, errors: JSON.parse(compiled.body).errors }).toEqual({ reader, errors: undefined });
      else expect({ reader, code: JSON.parse(compiled.body).errors?.[0].extensions.code }).toEqual({ reader, code: 'NOT_FOUND' });
      // A reader who may not see it: the one statement finds no row, and execution answers NOT_FOUND.
      if (!mayRead) continue;
      expect({ reader, compiled: compiled.statements.filter(isJsonRead).length }).toEqual({ reader, compiled: whole ? 1 : 0 });
      // From the opening (session check) on: a statement of another request may finish just before it.
      if (whole) expect(compiled.statements.slice(compiled.statements.findIndex((sql) => sql.startsWith('begin')))).toHaveLength(3);
    }
  }

  it.each(PAGES)('answers the %s page as execution does', (_name, document, subject, compiled) => expectAlike(document, subject, compiled));
  it.each(SHAPES)('answers %s as execution does', (_name, document, subject) => expectAlike(document, subject, true));

  it.each([
    ['neither a programme nor a body', `query { alignmentRequests { nodes { id } } }`],
    ['a direction without a body', `query($programmeId: ID!) { alignmentRequests(programmeId: $programmeId, direction: MADE) { nodes { id } } }`],
    ['an unknown body', `query { alignmentRequests(organisationId: "0b6c8f0e-5d0c-4a57-8e0a-1f2b3c4d5e6f") { nodes { id } } }`],
  ])('refuses alignment requests of %s as execution does', async (_name, query) => {
    const [compiled, executed] = [await read(query, readers.COORDINATOR, true, ''), await read(query, readers.COORDINATOR, false, '')];
    expect(compiled.body).toBe(executed.body);
    expect(JSON.parse(compiled.body).errors?.[0].extensions.code).toMatch(/BAD_USER_INPUT|NOT_FOUND/);
  });

  it('counts days overdue in the database calendar, as loaders and compiled reads both read them', async () => {
    const rows = async (sql: string) => (await api.owner.query(sql)).map((r: { days: number; overdue?: boolean }) => [r.days, r.overdue ?? null]);
    expect(
      await rows(`select ${milestoneDaysOverdue('m')} as days, ${milestoneOverdue('m')} as overdue
                    from (values (current_date + 29, null::date), (current_date, null), (current_date - 1, null), ('2024-02-28', null),
                                 ('2025-06-30', '2025-07-05'), ('2025-06-30', '2025-06-01')) m(due_on, achieved_on)`),
    ).toEqual([[0, false], [0, false], [1, true], [expect.any(Number), true], [5, false], [0, false]]);
    expect(
      await rows(`select ${reviewDaysOverdue('r')} as days
                    from (values ('SCHEDULED', current_date + 1, null::date), ('SCHEDULED', current_date - 3, null),
                                 ('COMPLETED', '2025-01-01'::date, '2025-04-01'::date), ('CANCELLED', '2025-01-01', null)) r(status, due_on, completed_on)`),
    ).toEqual([[0, null], [3, null], [90, null], [0, null]]);
    expect(
      await rows(`select ${actionDaysOverdue('a')} as days
                    from (values ('OPEN', current_date - 90, null::date), ('DONE', '2025-03-31'::date, '2025-04-01'::date),
                                 ('DROPPED', '2024-02-28', '2024-03-01'), ('DONE', current_date + 5, null)) a(status, due_on, closed_on)`),
    ).toEqual([[90, null], [1, null], [2, null], [0, null]]);
  });
});
