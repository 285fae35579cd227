import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { checkPage, signInOnPage } from '../../support/web-page-checks';

const REQUEST = `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`;
const RECORDS = `query($id: ID!, $day: String!) { programme(id: $id) {
  briefings(first: 100) { nodes { id title link } }
  alignmentRequests(first: 100) { nodes { id title status withdrawalReason } }
  milestones { id name dueOn achievedOn contributors { organisation { id } } }
  recognitions(from: "2000-01-01", to: $day) { total }
} }`;

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * A coordinator runs a programme's briefings, alignment requests and milestones from the
 * management pages, and sees each body's acknowledgement and the recognition given; a
 * reviewer and a member representative see no forms and their POSTs change nothing. Every
 * page at 320 px, checked by axe, including pages with form errors.
 */
describe('programme records pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let rep: TestUser;
  let mine: { id: string; name: string };
  let other: { id: string; name: string };
  let third: { id: string; name: string };
  let programme: { id: string; name: string };
  let at: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-programme-records');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const make = new RegistryFactory(api, coordinator.token);
    const locality = await make.locality('Wear Valley');
    [mine, other, third] = await make.members(locality.id, 3, ['Durham County Council', 'County Durham NHS Trust', 'Durham Constabulary']);
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', mine.id);
    programme = await make.programme(locality.id, [mine.id, other.id, third.id], { name: 'Warm Homes' });
    at = `${api.url}/manage/programmes/${programme.id}`;
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signedIn(user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, user);
    return { context, page };
  }

  const records = async () => (await api.ok(RECORDS, { id: programme.id, day: day(0) }, coordinator.token)).programme;
  const text = async (page: Page, selector = 'main') => (await page.locator(selector).first().textContent())!.replace(/\s+/g, ' ');

  async function sendWithErrors(page: Page, button: string, ...messages: string[]): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = await text(page, '.govuk-error-summary');
    for (const message of messages) expect(summary).toContain(message);
    await checkPage(page);
  }

  async function fillDay(page: Page, legend: string, iso: string): Promise<void> {
    const [year, month, date] = iso.split('-');
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(date);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  it("issues a briefing and shows each body's acknowledgement and how far it was passed on", async () => {
    const { context, page } = await signedIn(coordinator);
    await page.goto(`${at}/briefings`);
    await expect(text(page)).resolves.toContain('No briefings have been issued yet');
    await checkPage(page);

    await page.getByRole('button', { name: 'Issue a briefing' }).click();
    await checkPage(page);
    await page.getByLabel('Link to the full briefing (optional)').fill('http://example.org/plan');
    await sendWithErrors(page, 'Issue the briefing', 'Enter a title for the briefing', 'Enter what the bodies taking part should know', 'Enter the link to the full briefing starting https://');
    await expect(page.getByLabel('Link to the full briefing (optional)').inputValue()).resolves.toBe('http://example.org/plan');
    expect((await records()).briefings.nodes).toEqual([]);

    await page.getByLabel('Title').fill('Winter fuel plan');
    await page.getByLabel('What the bodies taking part should know').fill('Referrals open on Monday.');
    await page.getByLabel('Link to the full briefing (optional)').fill('https://example.org/winter-plan');
    await page.getByRole('button', { name: 'Issue the briefing' }).click();
    const [briefing] = (await records()).briefings.nodes;
    expect(briefing).toMatchObject({ title: 'Winter fuel plan', link: 'https://example.org/winter-plan' });
    expect(page.url()).toBe(`${at}/briefings/${briefing.id}?done=issued`);
    await expect(text(page, '.govuk-notification-banner')).resolves.toContain('Briefing issued');
    await expect(text(page, '[data-list=acknowledgements]')).resolves.not.toContain('Acknowledged');

    // The member representative acknowledges for their body, saying it reached the front line.
    await api.ok(
      `mutation($input: AcknowledgeBriefingInput!) { acknowledgeBriefing(input: $input) { id } }`,
      { input: { briefingId: briefing.id, organisationId: mine.id, cascade: 'FRONT_LINE', note: 'Team meetings' } },
      rep.token,
    );
    await page.goto(`${at}/briefings/${briefing.id}`);
    await expect(text(page)).resolves.toContain('1 of 3 bodies have acknowledged it');
    const rows = page.locator('[data-list=acknowledgements] .govuk-summary-list__row');
    const row = async (name: string) => (await rows.filter({ hasText: name }).textContent())!.replace(/\s+/g, ' ');
    await expect(row(mine.name)).resolves.toMatch(/Acknowledged .* UTC\s*Passed on to: Front-line staff\s*Note: Team meetings/);
    await expect(row(other.name)).resolves.toContain('Not acknowledged');
    await expect(row(third.name)).resolves.toContain('Not acknowledged');
    await checkPage(page);

    await page.getByRole('link', { name: 'Briefings' }).click();
    await expect(text(page, '[data-list=briefings]')).resolves.toContain('Winter fuel plan');
    await expect(text(page, '[data-list=briefings]')).resolves.toContain('acknowledged by 1 of 3 bodies');
    await context.close();
  }, 120_000);

  it('requests alignment between two bodies, shows the answer and the adaptation, filters and withdraws', async () => {
    const { context, page } = await signedIn(coordinator);
    await page.goto(`${at}/alignment-requests`);
    await checkPage(page);
    await page.getByRole('button', { name: 'Request alignment' }).click();
    await checkPage(page);
    await sendWithErrors(page, 'Send the request', 'Select the body asking', 'Select the body asked to adapt', 'Select what is to be adapted', 'Enter what to adapt', 'Enter the day the answer is due');
    expect((await records()).alignmentRequests.nodes).toEqual([]);

    await page.getByLabel('Body asking').selectOption({ label: other.name });
    await page.getByLabel('Body asked to adapt').selectOption({ label: mine.name });
    await page.getByLabel('A referral process').check();
    await page.getByLabel('What to adapt').fill('Use the shared referral form');
    await page.getByLabel('How, and which partner’s system or process to align with').fill('The NHS form for discharges.');
    await fillDay(page, 'Answer due by', day(14));
    await page.getByRole('button', { name: 'Send the request' }).click();
    await page.waitForURL(`${at}/alignment-requests?done=requested`);
    await expect(text(page, '.govuk-notification-banner')).resolves.toContain('Alignment requested');
    const [made] = (await records()).alignmentRequests.nodes;
    expect(made).toMatchObject({ title: 'Use the shared referral form', status: 'REQUESTED' });
    await expect(text(page, `[data-request="${made.id}"]`)).resolves.toMatch(new RegExp(`${other.name} asked ${mine.name} on .*Waiting for an answer`));

    // The body asked agrees and then records that it adapted (only its representatives may).
    await api.ok(`mutation($input: AgreeAlignmentRequestInput!) { agreeAlignmentRequest(input: $input) { id } }`, { input: { requestId: made.id, plannedOn: day(7) } }, rep.token);
    await api.ok(`mutation($input: RecordAlignmentAdaptedInput!) { recordAlignmentAdapted(input: $input) { id } }`, { input: { requestId: made.id } }, rep.token);
    // A second request, past its due day with no answer.
    const late = (
      await api.ok(
        REQUEST,
        { input: { programmeId: programme.id, requestingOrganisationId: mine.id, targetOrganisationId: third.id, kind: 'DATA_SHARING', title: 'Share the waiting list', description: 'Weekly.', responseDueOn: day(0) } },
        coordinator.token,
      )
    ).requestAlignment.id;
    // Ten days ago, as no one can make it now (what a request asks is kept by a trigger, skipped here).
    await api.owner.transaction(async (db) => {
      await db.query(`set local session_replication_role = replica`);
      await db.query(`update alignment_request set requested_on = current_date - 10, response_due_on = current_date - 3 where id = $1`, [late]);
    });

    await page.goto(`${at}/alignment-requests`);
    await expect(text(page, `[data-request="${made.id}"]`)).resolves.toMatch(/Adapted.*Adapted on /);
    await expect(text(page, `[data-request="${late}"]`)).resolves.toMatch(/Waiting for an answer Overdue/);
    expect(await page.locator(`[data-request="${made.id}"]`).getByRole('link', { name: /Withdraw/ }).count()).toBe(0);
    await checkPage(page);
    await page.getByLabel('Show requests').selectOption({ label: 'Adapted' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(`${at}/alignment-requests?status=ADAPTED`);
    expect(await page.locator('[data-request]').count()).toBe(1);
    await expect(text(page, '[data-request]')).resolves.toContain('Use the shared referral form');

    await page.goto(`${at}/alignment-requests`);
    await page.getByRole('link', { name: 'Withdraw Share the waiting list' }).click();
    await checkPage(page);
    await sendWithErrors(page, 'Withdraw the request', 'Enter why the request is withdrawn');
    await page.getByLabel('Why is it withdrawn?').fill('The list moved to the new system');
    await page.getByRole('button', { name: 'Withdraw the request' }).click();
    await page.waitForURL(`${at}/alignment-requests?done=withdrawn`);
    await expect(text(page, `[data-request="${late}"]`)).resolves.toContain('Withdrawn: The list moved to the new system');
    // Withdrawn is final: the page says so rather than offering the form.
    const again = await page.goto(`${at}/alignment-requests/${late}/withdraw`);
    expect(again!.status()).toBe(409);
    await expect(text(page)).resolves.toContain('“Share the waiting list” was withdrawn');
    await checkPage(page);
    await context.close();
  }, 120_000);

  it('adds a milestone with contributors, changes it, marks it achieved and lists the recognition given', async () => {
    const { context, page } = await signedIn(coordinator);
    await page.goto(`${at}/milestones`);
    await expect(text(page)).resolves.toContain('No milestones yet');
    await checkPage(page);
    await page.getByRole('button', { name: 'Add a milestone' }).click();
    await checkPage(page);
    await sendWithErrors(page, 'Save the milestone', 'Enter the milestone’s name', 'Enter the day it is due');
    expect((await records()).milestones).toEqual([]);

    await page.getByLabel('Name').fill('First 100 homes');
    await fillDay(page, 'Due by', day(30));
    await page.getByLabel(mine.name).check();
    await page.getByLabel(other.name).check();
    await page.getByRole('button', { name: 'Save the milestone' }).click();
    await page.waitForURL(`${at}/milestones?done=added`);
    const [milestone] = (await records()).milestones;
    expect(milestone.contributors.map((c: { organisation: { id: string } }) => c.organisation.id).sort()).toEqual([mine.id, other.id].sort());
    await expect(text(page, `[data-milestone="${milestone.id}"]`)).resolves.toMatch(/Not yet.*Durham County Council, County Durham NHS Trust|Not yet.*County Durham NHS Trust, Durham County Council/);

    await page.getByRole('link', { name: 'Change First 100 homes' }).click();
    await checkPage(page);
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('First 100 homes');
    await page.getByLabel('Name').fill('First 100 homes insulated');
    await page.getByRole('button', { name: 'Save the milestone' }).click();
    await page.waitForURL(`${at}/milestones?done=changed`);
    await expect(text(page, '.govuk-notification-banner')).resolves.toContain('Milestone changed');

    await page.getByRole('link', { name: 'Mark achieved First 100 homes insulated' }).click();
    await checkPage(page);
    await fillDay(page, 'Day it was achieved (optional)', day(3));
    await sendWithErrors(page, 'Mark it achieved', 'cannot be in the future');
    await fillDay(page, 'Day it was achieved (optional)', day(-1));
    await page.getByRole('button', { name: 'Mark it achieved' }).click();
    await page.waitForURL(`${at}/milestones?done=achieved`);
    expect((await records()).milestones[0]).toMatchObject({ name: 'First 100 homes insulated', achievedOn: day(-1) });

    // The member representative records recognition their body gave for it.
    await api.ok(
      `mutation($input: RecordRecognitionInput!) { recordRecognition(input: $input) { id } }`,
      { input: { programmeId: programme.id, creditedOrganisationId: other.id, givenByOrganisationId: mine.id, reason: 'Ran the referral hub', milestoneId: milestone.id, visibleIn: ['PUBLIC'] } },
      rep.token,
    );
    await api.ok(
      `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id } }`,
      { input: { programmeId: programme.id, name: 'Boiler scheme live', dueOn: day(-5) } },
      coordinator.token,
    );
    await page.goto(`${at}/milestones`);
    await expect(text(page, `[data-milestone="${milestone.id}"]`)).resolves.toMatch(/Achieved .*County Durham NHS Trust \(recognised\)/);
    await expect(text(page)).resolves.toMatch(/Boiler scheme live.*Overdue Not achieved; 5 days past its due day/);
    await expect(text(page, '[data-recognition]')).resolves.toMatch(
      new RegExp(`Recognised ${other.name} By ${mine.name} For Ran the referral hub Milestone First 100 homes insulated Given .* Made visible In public`),
    );
    await checkPage(page);

    // Coordinators record recognition given by any body or person here.
    await page.getByRole('button', { name: 'Record recognition' }).click();
    await checkPage(page);
    await sendWithErrors(page, 'Record the recognition', 'Select the person or body you recognise', 'Enter what the recognition is for', 'Select where the recognition was made visible');
    expect((await records()).recognitions.total).toBe(1);
    await page.getByLabel('Who is recognised?').selectOption({ label: third.name });
    await page.getByLabel('Who gave the recognition?').selectOption({ label: other.name });
    await page.getByLabel('What is it for?').fill('Shared the patrol data');
    await page.getByLabel('Milestone it recognises (optional)').selectOption({ label: 'First 100 homes insulated' });
    await page.getByLabel('At the partnership (board, steering group, programme meeting)').check();
    await page.getByRole('button', { name: 'Record the recognition' }).click();
    await page.waitForURL(`${at}/milestones?done=recognised`);
    expect((await records()).recognitions.total).toBe(2);
    await expect(text(page)).resolves.toContain('2 recognitions given in');
    const given = (await page.locator('[data-recognition]').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    expect(given.some((t) => t.includes(`Recognised ${third.name} By ${other.name} For Shared the patrol data`))).toBe(true);
    await context.close();
  }, 120_000);

  it('shows no forms to reviewers, refuses their and member representatives’ POSTs in the API’s words, and needs the CSRF token', async () => {
    const before = await records();
    const milestoneId = before.milestones[0].id;
    const requestId = before.alignmentRequests.nodes.find((r: { status: string }) => r.status === 'ADAPTED').id;
    const forms: [string, Record<string, string>][] = [
      ['/briefings/new', { title: 'Forged', summary: 'Forged' }],
      ['/alignment-requests/new', { requestingOrganisationId: mine.id, targetOrganisationId: other.id, kind: 'OTHER', title: 'Forged', description: 'Forged', 'responseDueOn-day': '1', 'responseDueOn-month': '1', 'responseDueOn-year': String(new Date().getUTCFullYear() + 1) }],
      ['/milestones/new', { name: 'Forged', 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': String(new Date().getUTCFullYear() + 1) }],
      [`/milestones/${milestoneId}/change`, { name: 'Forged', 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': String(new Date().getUTCFullYear() + 1) }],
      [`/milestones/${milestoneId}/achieve`, {}],
      [`/alignment-requests/${requestId}/withdraw`, { reason: 'Forged' }],
      ['/milestones/recognitions/new', { credited: `organisation:${third.id}`, givenBy: `organisation:${other.id}`, reason: 'Forged', visibleIn: 'PUBLIC' }],
    ];

    const { context, page } = await signedIn(reviewer);
    for (const path of ['/briefings', '/alignment-requests', '/milestones']) {
      await page.goto(`${at}${path}`);
      expect([path, await page.locator('main .govuk-button:not(.govuk-button--secondary), .govuk-summary-card__actions').count()]).toEqual([path, 0]);
    }
    await checkPage(page);
    const form = await page.goto(`${at}/briefings/new`);
    expect(form!.status()).toBe(403);
    await expect(text(page)).resolves.toContain('Only coordinators and tenant administrators');
    await checkPage(page);

    // Direct POSTs with a valid token: the API refuses each, saying who may.
    await page.goto(`${api.url}/home`);
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    for (const [path, body] of forms) {
      const response = await context.request.post(`${at}${path}`, { form: { _csrf: token, ...body }, maxRedirects: 0 });
      expect([path, response.status()]).toEqual([path, 403]);
      expect([path, await response.text()]).toEqual([path, expect.stringMatching(/Only .*(coordinators|administrators)/)]);
    }
    await context.close();

    const asRep = await signedIn(rep);
    await asRep.page.goto(`${api.url}/home`);
    const repToken = await asRep.page.locator('input[name=_csrf]').first().inputValue();
    // A representative may ask for their own body (as on their body's page), never for another.
    const forOther: [string, Record<string, string>] = [forms[1][0], { ...forms[1][1], requestingOrganisationId: other.id, targetOrganisationId: third.id }];
    for (const [path, body] of [forms[0], forOther, ...forms.slice(2, 5), forms[6]]) {
      const response = await asRep.context.request.post(`${at}${path}`, { form: { _csrf: repToken, ...body }, maxRedirects: 0 });
      expect([path, response.status()]).toEqual([path, 403]);
      expect([path, await response.text()]).toEqual([path, expect.stringMatching(/Only |You act only for /)]);
    }
    await asRep.context.close();

    // The coordinator's own POST without the token, or with another session's, is refused before anything is read.
    const coord = await signedIn(coordinator);
    for (const _csrf of [undefined, token]) {
      const response = await coord.context.request.post(`${at}/briefings/new`, { form: { ...(_csrf ? { _csrf } : {}), title: 'No token', summary: 'x' }, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form could not be sent');
    }
    await coord.context.close();
    expect(await records()).toEqual(before);
  }, 120_000);
});
