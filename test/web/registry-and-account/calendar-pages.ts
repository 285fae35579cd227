import { Browser } from 'playwright-core';
import ICAL from 'ical.js';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { screenshot } from '../../support/screenshot';
import { checkPage, signInOnPage, tabTo } from '../../support/web-page-checks';

/** "Your calendar": the feed address shown once after making it, and stopped by revoking. */
describe('calendar page', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let roundId: string;

  const feedStatus = async (url: string) => (await fetch(`${api.url}${new URL(url).pathname}`)).status;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-calendar');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    const locality = await new RegistryFactory(api, coordinator.token).locality();
    const closesOn = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    roundId = (
      await api.ok(
        `mutation($input: OpenSurveyRoundInput!) { openSurveyRound(input: $input) { id } }`,
        { input: { localityId: locality.id, title: 'Autumn health check', opensOn: new Date().toISOString().slice(0, 10), closesOn } },
        coordinator.token,
      )
    ).openSurveyRound.id;
    browser = await sharedBrowser.join();
  }, 120_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  it('makes an address shown once, by keyboard, that a calendar reads; a new one replaces it and stopping it ends it', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await signInOnPage(page, api.url, tenant.slug, coordinator);
    await page.getByRole('link', { name: 'Your calendar' }).click();
    await page.waitForURL(`${api.url}/calendar`);
    await expect(page.locator('[data-no-feed]').textContent()).resolves.toContain('no calendar address');
    await checkPage(page);

    await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === 'renew');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-feed-url]');
    const url = await page.locator('[data-feed-url]').inputValue();
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await expect(page.locator('main').textContent()).resolves.toMatch(/shown only now[\s\S]*Outlook[\s\S]*Google Calendar/);
    await checkPage(page);
    await screenshot(page, 'calendar');

    // A real parser reads the round's closing day from it.
    const feed = await fetch(`${api.url}${new URL(url).pathname}`);
    const events = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent');
    expect(events.map((event) => String(event.getFirstPropertyValue('uid')))).toEqual([`health-check-round-${roundId}@${new URL(url).host}`]);

    // Shown once: the page does not show it again.
    await page.goto(`${api.url}/calendar`);
    expect(await page.locator('[data-feed-url]').count()).toBe(0);
    expect(await page.content()).not.toContain(new URL(url).pathname);
    await expect(page.locator('[data-feed]').textContent()).resolves.toMatch(/Last fetched by a calendar\s*\d/);
    await checkPage(page);

    // A form sent without the page's CSRF token changes nothing.
    expect((await context.request.post(`${api.url}/calendar/revoke`, { form: {} })).status()).toBe(403);
    expect(await feedStatus(url)).toBe(200);

    await page.getByRole('button', { name: 'Make a new address' }).click();
    await page.waitForLoadState();
    const renewed = await page.locator('[data-feed-url]').inputValue();
    expect(renewed).not.toBe(url);
    expect(await feedStatus(url)).toBe(404);
    expect(await feedStatus(renewed)).toBe(200);

    await page.goto(`${api.url}/calendar`);
    await page.getByRole('button', { name: 'Stop my calendar address' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('no longer works');
    await checkPage(page);
    expect(await feedStatus(renewed)).toBe(404);
    await context.close();
  }, 120_000);

  it('sends someone signed out to sign in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${api.url}/calendar`);
    expect(page.url()).toBe(`${api.url}/sign-in`);
    await context.close();
  }, 60_000);
});
