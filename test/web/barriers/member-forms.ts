import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { checkPage, tabTo, signInOnPage } from '../../support/web-page-checks';

const REQUEST = `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`;
const REQUEST_NOW = `query($id: ID!) { alignmentRequest(id: $id) { status plannedOn declineReason } }`;
const POSITIONS = `query($id: ID!) { programme(id: $id) { openNomination { endorsements { position comment organisation { id } } } } }`;
const RECOGNITIONS = `query($id: ID!, $day: String!) { programme(id: $id) { recognitions(from: "2000-01-01", to: $day) {
  total recognitions { reason creditedOrganisation { id } givenByPerson { id } milestone { id } visibleIn } } } }`;

const CONFLICT_NOW = `query($id: ID!) { conflict(id: $id) { status } }`;

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * The member representative's forms "for my body": answering an alignment request,
 * endorsing a nomination and recording recognition, each shown empty-handed first, one by
 * keyboard alone, one without JavaScript; never for another body. At 320 px, checked by axe.
 */
describe('member representative forms', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: string;
  let rep: TestUser;
  let mine: { id: string; name: string };
  let other: { id: string; name: string };
  let third: { id: string; name: string };
  let programme: { id: string; name: string };
  let nomination: { id: string };
  let milestoneId: string;
  let giverId: string;
  const requests: Record<string, string> = {};
  let conflictId: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-member-forms');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    const locality = await make.locality('Wear Valley');
    [mine, other, third] = await make.members(locality.id, 3);
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', mine.id);
    programme = await make.programme(locality.id, [mine.id, other.id, third.id], { name: 'Warm Homes' });
    nomination = await make.nominate(programme.id, (await make.person(other.id, 'Dana Lead')).id);
    giverId = (await make.person(mine.id, 'Sam Giver')).id;
    milestoneId = (
      await api.ok(
        `mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id } }`,
        { input: { programmeId: programme.id, name: 'First 100 homes insulated', dueOn: day(-10), contributorIds: [third.id], achievedOn: day(-3) } },
        coordinator,
      )
    ).createMilestone.id;
    const ask = async (title: string, from: string, to: string) =>
      (
        await api.ok(
          REQUEST,
          { input: { programmeId: programme.id, requestingOrganisationId: from, targetOrganisationId: to, kind: 'REFERRAL_PROCESS', title, description: 'Use the shared form.', responseDueOn: day(14) } },
          coordinator,
        )
      ).requestAlignment.id;
    requests.agree = await ask('Use the shared referral form', other.id, mine.id);
    requests.decline = await ask('Move to the new case system', third.id, mine.id);
    requests.theirs = await ask('Share the waiting list', mine.id, other.id);
    conflictId = (
      await api.ok(
        `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
        { input: { localityId: locality.id, raisedByOrganisationId: other.id, partyIds: [mine.id], category: 'PRIORITIES', severity: 'MEDIUM', title: 'Insulation before boilers', description: 'We disagree on the order.' } },
        coordinator,
      )
    ).raiseConflict.id;
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signedIn(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, rep);
    await page.getByRole('link', { name: 'For my body' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}`);
    return { context, page };
  }

  const requestNow = async (id: string) => (await api.ok(REQUEST_NOW, { id }, coordinator)).alignmentRequest;
  const positions = async () => (await api.ok(POSITIONS, { id: programme.id }, coordinator)).programme.openNomination.endorsements;
  const conflictNow = async () => (await api.ok(CONFLICT_NOW, { id: conflictId }, coordinator)).conflict.status;
  const recognitions = async () => (await api.ok(RECOGNITIONS, { id: programme.id, day: day(0) }, coordinator)).programme.recognitions;

  async function sendEmpty(page: Page, button: string, ...messages: string[]): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = (await page.locator('.govuk-error-summary').textContent())!;
    for (const message of messages) expect(summary).toContain(message);
    await checkPage(page);
  }

  it('answers an alignment request, endorses a nomination by keyboard alone and records recognition', async () => {
    const { context, page } = await signedIn();
    await expect(page.locator('[data-todo=nominations]').textContent()).resolves.toContain('Dana Lead as leader of Warm Homes');
    await expect(page.locator('[data-todo=alignment]').textContent()).resolves.toMatch(/Use the shared referral form[\s\S]*Due in 14 days/);
    expect(await page.locator('[data-todo=alignment]').textContent()).not.toContain('Share the waiting list');
    await expect(page.locator('[data-todo=conflicts]').textContent()).resolves.toMatch(/Insulation before boilers[\s\S]*your body can acknowledge\)/);
    await checkPage(page);

    // Agreeing to adapt: the answer, then the day, are asked for before anything is sent.
    await page.getByRole('link', { name: 'Use the shared referral form' }).click();
    await checkPage(page);
    await sendEmpty(page, 'Send the answer', 'Select whether your body agrees to adapt or declines');
    await page.getByLabel('Agree to adapt').check();
    await sendEmpty(page, 'Send the answer', 'Enter the day your body plans to have adapted by');
    expect(await requestNow(requests.agree)).toMatchObject({ status: 'REQUESTED' });
    const planned = day(30).split('-');
    await page.getByLabel('Day').fill(planned[2]);
    await page.getByLabel('Month').fill(planned[1]);
    await page.getByLabel('Year').fill(planned[0]);
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=agreed`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Alignment request agreed');
    expect(await requestNow(requests.agree)).toEqual({ status: 'AGREED', plannedOn: day(30), declineReason: null });

    // Endorsing: empty, then opposing without a reason, then by keyboard alone.
    await page.getByRole('link', { name: 'Dana Lead as leader of Warm Homes' }).click();
    await checkPage(page);
    await sendEmpty(page, "Record your body's position", 'Select whether your body supports, opposes or abstains');
    await page.getByLabel('Oppose').check();
    await sendEmpty(page, "Record your body's position", 'Enter why your body opposes');
    expect(await positions()).toEqual([]);
    await page.goto(page.url());
    await tabTo(page, (el) => el.name === 'position');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (el) => el.name === 'comment');
    await page.keyboard.type('We want an open selection first');
    await tabTo(page, (el) => el.tag === 'BUTTON');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=endorsed`);
    expect(await positions()).toEqual([{ position: 'OPPOSE', comment: 'We want an open selection first', organisation: { id: mine.id } }]);
    expect(await page.locator('main').textContent()).not.toContain('Dana Lead as leader');

    // Recording recognition given by one of the body's people, for the milestone.
    await page.getByRole('link', { name: 'Record recognition in Warm Homes' }).click();
    await checkPage(page);
    await sendEmpty(page, 'Record the recognition', 'Select the person or body you recognise', 'Enter what the recognition is for', 'Select where the recognition was made visible');
    await page.getByLabel('Who is recognised?').selectOption(`organisation:${third.id}`);
    await page.getByLabel('Who gave the recognition?').selectOption(`person:${giverId}`);
    await page.getByLabel('What is it for?').fill('Insulated the first hundred homes ahead of time');
    await page.getByLabel('Milestone it recognises (optional)').selectOption(milestoneId);
    await page.getByLabel('At the partnership').check();
    await page.getByLabel('In public').check();
    await page.getByRole('button', { name: 'Record the recognition' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=recognised`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Recognition recorded');
    expect(await recognitions()).toEqual({
      total: 1,
      recognitions: [
        {
          reason: 'Insulated the first hundred homes ahead of time',
          creditedOrganisation: { id: third.id },
          givenByPerson: { id: giverId },
          milestone: { id: milestoneId },
          visibleIn: ['PARTNERSHIP_BOARD', 'PUBLIC'],
        },
      ],
    });
    await context.close();
  }, 180_000);

  it('declines an alignment request without JavaScript', async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    expect(await page.locator('body').getAttribute('class')).not.toContain('js-enabled');
    await page.getByRole('link', { name: 'Move to the new case system' }).click();
    await page.getByLabel('Decline').check();
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter why your body will not adapt');
    await page.getByLabel('Why will your body not adapt?').fill('Our contract ends in March');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=declined`);
    expect(await requestNow(requests.decline)).toEqual({ status: 'DECLINED', plannedOn: null, declineReason: 'Our contract ends in March' });
    await context.close();
  }, 120_000);

  it('acknowledges a conflict the body is a party to, from the to-do list', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('link', { name: 'Insulation before boilers' }).click();
    await checkPage(page);
    // A party may acknowledge it; starting resolution comes after.
    expect(await page.getByRole('radio').count()).toBe(1);
    await sendEmpty(page, 'Record it', 'Select what your body does about the conflict');
    await page.getByLabel('Acknowledge it').check();
    await page.getByLabel('Note for its history (optional)').fill('We will meet on Tuesday');
    await page.getByRole('button', { name: 'Record it' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=conflictMoved`);
    expect(await conflictNow()).toBe('ACKNOWLEDGED');
    await page.getByRole('link', { name: 'Insulation before boilers' }).click();
    await page.waitForURL(/\/conflicts\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel('Start its resolution process').count()).resolves.toBe(1);
    await checkPage(page);
  }, 120_000);

  it("refuses another body's forms and direct POSTs for it, changing nothing", async () => {
    const { context, page } = await signedIn();
    await page.goto(`${api.url}/bodies/${mine.id}/programmes/${programme.id}/recognitions/new`);
    const token = await page.locator('input[name=_csrf]').inputValue();
    const before = { positions: await positions(), recognitions: await recognitions(), theirs: await requestNow(requests.theirs), conflict: await conflictNow() };

    for (const path of [
      `/bodies/${other.id}/alignment-requests/${requests.theirs}/answer`,
      `/bodies/${other.id}/programmes/${programme.id}/nominations/${nomination.id}/endorse`,
      `/bodies/${other.id}/programmes/${programme.id}/recognitions/new`,
      `/bodies/${other.id}/conflicts/${conflictId}`,
    ]) {
      const response = await page.goto(`${api.url}${path}`);
      expect([path, response!.status()]).toEqual([path, 403]);
      await expect(page.locator('h1').textContent()).resolves.toBe('You cannot act for this body');
      await checkPage(page);
    }
    // A request addressed to another body, under this body's address: who may answer it is said.
    const notOurs = await page.goto(`${api.url}/bodies/${mine.id}/alignment-requests/${requests.theirs}/answer`);
    expect(notOurs!.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain(`addressed to ${other.name}`);
    await checkPage(page);

    // Direct POSTs with a valid CSRF token: the API refuses with its words (the body it acts for).
    const post = (path: string, form: Record<string, string>) => context.request.post(`${api.url}${path}`, { form: { _csrf: token, ...form }, maxRedirects: 0 });
    const endorse = await post(`/bodies/${other.id}/programmes/${programme.id}/nominations/${nomination.id}/endorse`, { position: 'SUPPORT' });
    expect(endorse.status()).toBe(403);
    expect(await endorse.text()).toContain(mine.name);
    const recognise = { credited: `organisation:${third.id}`, givenBy: `organisation:${other.id}`, reason: 'Forged', visibleIn: 'PUBLIC' };
    const givenByOther = await post(`/bodies/${mine.id}/programmes/${programme.id}/recognitions/new`, recognise);
    expect(givenByOther.status()).toBe(403);
    expect(await givenByOther.text()).toContain(`You act only for ${mine.name}`);
    // The recognition, answer and conflict forms check the address before anything is sent:
    // their mutations name no body, or a giver (a person) it cannot be told from.
    for (const givenBy of [`organisation:${other.id}`, `person:${giverId}`]) {
      const response = await post(`/bodies/${other.id}/programmes/${programme.id}/recognitions/new`, { ...recognise, givenBy });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('You cannot act for this body');
    }
    for (const owner of [other.id, mine.id]) {
      const response = await post(`/bodies/${owner}/alignment-requests/${requests.theirs}/answer`, { answer: 'DECLINE', reason: 'Forged' });
      expect(response.status()).toBe(403);
    }
    const move = await post(`/bodies/${other.id}/conflicts/${conflictId}`, { action: 'START_RESOLUTION' });
    expect(move.status()).toBe(403);
    expect({ positions: await positions(), recognitions: await recognitions(), theirs: await requestNow(requests.theirs), conflict: await conflictNow() }).toEqual(before);
    await context.close();
  }, 120_000);
});
