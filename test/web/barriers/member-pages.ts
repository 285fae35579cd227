import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { screenshot } from '../../support/screenshot';
import { checkPage, tabTo, signInOnPage } from '../../support/web-page-checks';

const ISSUE = `mutation($p: ID!, $title: String!) { issueBriefing(input: { programmeId: $p, title: $title, summary: "What the partnership agreed." }) { id } }`;
const ACKNOWLEDGED = `query($id: ID!) { briefing(id: $id) { recipients { organisation { id } acknowledgement { cascade note } } } }`;
const CONFLICTS = `query($l: ID!) { conflicts(localityId: $l, first: 100) { nodes { title raisedByOrganisation { id } parties { id } category severity } } }`;

/**
 * A member representative's pages, "for my body": the to-do list, acknowledging a briefing
 * and logging a conflict, only ever for their own body; at 320 px, checked by axe-core, by
 * keyboard and without JavaScript.
 */
describe('member representative pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: string;
  let rep: TestUser;
  let locality: { id: string; name: string };
  let mine: { id: string; name: string };
  let other: { id: string; name: string };
  let third: { id: string; name: string };
  const briefings: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-member');
    coordinator = (await api.newUser(tenant, 'COORDINATOR')).token;
    const make = new RegistryFactory(api, coordinator);
    locality = await make.locality('Tyne Valley');
    [mine, other, third] = await make.members(locality.id, 3, ['Riverside Council', 'Hillside Housing', 'Valley Voluntary Action']);
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', mine.id);
    const programme = await make.programme(locality.id, [mine.id, other.id, third.id], { name: 'Safer Streets' });
    // A nomination waiting for the body's endorsement (the README's picture shows every list).
    await make.nominate(programme.id, (await make.person(other.id, 'Jo Bell')).id);
    for (const title of ['Summer patrol plan agreed', 'Winter shelter rota']) {
      briefings[title] = (await api.ok(ISSUE, { p: programme.id, title }, coordinator)).issueBriefing.id;
    }
    await api.ok(
      `mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`,
      {
        input: {
          programmeId: programme.id,
          requestingOrganisationId: other.id,
          targetOrganisationId: mine.id,
          kind: 'DATA_SHARING',
          title: 'Share referral data weekly',
          description: 'We need the weekly referral counts.',
          responseDueOn: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        },
      },
      coordinator,
    );
    await api.ok(
      `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`,
      {
        input: {
          localityId: locality.id,
          raisedByOrganisationId: other.id,
          partyIds: [mine.id],
          category: 'RESOURCES',
          severity: 'HIGH',
          title: 'Who pays for the outreach van',
          description: 'The van budget was never agreed.',
        },
      },
      coordinator,
    );
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

  async function acknowledgementOf(briefingId: string, organisationId = mine.id): Promise<unknown> {
    const { briefing } = await api.ok(ACKNOWLEDGED, { id: briefingId }, coordinator);
    return briefing.recipients.find((r: { organisation: { id: string } }) => r.organisation.id === organisationId).acknowledgement;
  }

  const conflicts = async () => (await api.ok(CONFLICTS, { l: locality.id }, coordinator)).conflicts.nodes;

  it('shows what waits for the body, acknowledges a briefing by keyboard alone and logs a conflict', async () => {
    const { context, page } = await signedIn();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain(mine.name);
    for (const text of ['Summer patrol plan agreed', 'Winter shelter rota', 'Share referral data weekly', 'Jo Bell as leader of Safer Streets', 'Who pays for the outreach van']) {
      expect(main).toContain(text);
    }
    await checkPage(page);
    await screenshot(page, 'for-my-body');

    // Acknowledging: nothing chosen is named, with how to fix it; then by keyboard alone.
    await page.getByRole('link', { name: 'Summer patrol plan agreed' }).click();
    await checkPage(page);
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select how far the briefing was passed on');
    await checkPage(page);
    expect(await acknowledgementOf(briefings['Summer patrol plan agreed'])).toBeNull();
    await page.goto(page.url());
    await tabTo(page, (el) => el.name === 'cascade');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (el) => el.name === 'note');
    await page.keyboard.type('Shared at the managers meeting');
    await tabTo(page, (el) => el.tag === 'BUTTON');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=acknowledged`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Briefing acknowledged');
    expect(await acknowledgementOf(briefings['Summer patrol plan agreed'])).toEqual({ cascade: 'MANAGERS', note: 'Shared at the managers meeting' });
    expect(await page.locator('[data-todo=briefings]').textContent()).not.toContain('Summer patrol plan agreed');
    await checkPage(page);

    // Logging a conflict: missing fields are listed, then it is logged for this body.
    await page.getByRole('link', { name: `Log a conflict in ${locality.name}` }).click();
    await checkPage(page);
    expect(await page.getByLabel(mine.name).count()).toBe(0);
    await page.getByRole('button', { name: 'Log the conflict' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Select the other bodies[\s\S]*Enter a title/);
    await checkPage(page);
    await page.getByLabel(third.name).check();
    await page.getByLabel('Data sharing').check();
    await page.getByLabel('Medium').check();
    await page.getByLabel('Title').fill('Referral data held back');
    await page.getByLabel('What is the conflict?').fill('Referrals are not shared as agreed.');
    await page.getByRole('button', { name: 'Log the conflict' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=conflict`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Conflict logged');
    expect(await conflicts()).toContainEqual({
      title: 'Referral data held back',
      raisedByOrganisation: { id: mine.id },
      parties: [{ id: third.id }],
      category: 'DATA_SHARING',
      severity: 'MEDIUM',
    });
    await context.close();
  }, 180_000);

  it('works without JavaScript: the to-do list, acknowledging a briefing and logging a conflict', async () => {
    const { context, page } = await signedIn({ javaScriptEnabled: false });
    expect(await page.locator('body').getAttribute('class')).not.toContain('js-enabled');
    await page.getByRole('link', { name: 'Winter shelter rota' }).click();
    await page.getByLabel('The whole organisation').check();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=acknowledged`);
    expect(await acknowledgementOf(briefings['Winter shelter rota'])).toEqual({ cascade: 'WHOLE_ORGANISATION', note: null });
    // (axe runs scripts in the page, so these pages are checked in the test with JavaScript.)
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Briefing acknowledged');
    await page.getByRole('link', { name: `Log a conflict in ${locality.name}` }).click();
    await page.getByLabel(other.name).check();
    await page.getByLabel(third.name).check();
    await page.getByLabel('Culture').check();
    await page.getByLabel('Low').check();
    await page.getByLabel('Title').fill('Meetings always at short notice');
    await page.getByLabel('What is the conflict?').fill('Papers arrive the night before.');
    await page.getByRole('button', { name: 'Log the conflict' }).click();
    await page.waitForURL(`${api.url}/bodies/${mine.id}?done=conflict`);
    expect(await conflicts()).toContainEqual(expect.objectContaining({ title: 'Meetings always at short notice', parties: expect.arrayContaining([{ id: other.id }, { id: third.id }]) }));
    await context.close();
  }, 120_000);

  it("refuses another body's pages and forms, and a form without its CSRF token, changing nothing", async () => {
    const { context, page } = await signedIn();
    // A valid CSRF token of this browser, from one of the body's own forms.
    await page.goto(`${api.url}/bodies/${mine.id}/localities/${locality.id}/conflicts/new`);
    const token = await page.locator('input[name=_csrf]').inputValue();
    const before = await conflicts();

    // The pages of another body: refused with a page saying why.
    for (const path of [
      `/bodies/${other.id}`,
      `/bodies/${other.id}/briefings/${briefings['Winter shelter rota']}/acknowledge`,
      `/bodies/${other.id}/localities/${locality.id}/conflicts/new`,
    ]) {
      const response = await page.goto(`${api.url}${path}`);
      expect([path, response!.status()]).toEqual([path, 403]);
      await expect(page.locator('h1').textContent()).resolves.toBe('You cannot act for this body');
      await checkPage(page);
    }

    // Its forms, POSTed directly with a valid CSRF token: refused, as the API words it.
    const acknowledge = await context.request.post(`${api.url}/bodies/${other.id}/briefings/${briefings['Winter shelter rota']}/acknowledge`, {
      form: { _csrf: token, cascade: 'MANAGERS' },
      maxRedirects: 0,
    });
    expect(acknowledge.status()).toBe(403);
    expect(await acknowledge.text()).toContain(mine.name);
    const conflictForm = { _csrf: token, partyIds: third.id, category: 'OTHER', severity: 'LOW', title: 'Forged', description: 'Forged' };
    const raise = await context.request.post(`${api.url}/bodies/${other.id}/localities/${locality.id}/conflicts/new`, { form: conflictForm, maxRedirects: 0 });
    expect(raise.status()).toBe(403);
    // Nor with a form missing a field (no form of another body is shown).
    const incomplete = await context.request.post(`${api.url}/bodies/${other.id}/localities/${locality.id}/conflicts/new`, {
      form: { _csrf: token },
      maxRedirects: 0,
    });
    expect(incomplete.status()).toBe(403);
    expect(await acknowledgementOf(briefings['Winter shelter rota'], other.id)).toBeNull();

    // The body's own forms without the CSRF token: refused before anything is written.
    const { _csrf: _, ...unsigned } = conflictForm;
    const forged = await context.request.post(`${api.url}/bodies/${mine.id}/localities/${locality.id}/conflicts/new`, { form: unsigned, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('This form could not be sent');
    expect(await conflicts()).toEqual(before);
    await context.close();
  }, 120_000);
});
