import { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { ApiHarness, TestUser } from '../support/api-harness';
import { launchChromium } from '../support/chromium';
import { SmtpCatcher } from '../support/smtp-catcher';
import { checkPage, signInOnPage } from '../support/web-page-checks';
import { SurveyedPartnership, openRound, surveyedPartnership } from '../health-check/health-check-fixture';

/**
 * The "People invited" page with sending switched on (SMTP_URL): it says how many get their
 * link by email and lists only the links of people without an address, at 320 px, with axe.
 */
describe('health-check round web pages, with email', () => {
  let api: ApiHarness;
  let smtp: SmtpCatcher;
  let browser: Browser;
  let partnership: SurveyedPartnership;
  let coordinator: TestUser;

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    api = await ApiHarness.start({ SMTP_URL: smtp.url });
    partnership = await surveyedPartnership(api, 'web-invite-mail', { bodies: 0 });
    const organisation = await partnership.make.organisation('HEALTH');
    await partnership.make.addMember(partnership.localityId, organisation.id);
    for (const n of [1, 2, 3]) await partnership.make.person(organisation.id, `Emailed ${n}`, `emailed-${n}-${randomUUID().slice(0, 6)}@example.org`);
    await partnership.make.person(organisation.id, 'Without Address', null);
    coordinator = await api.newUser(partnership.tenant, 'COORDINATOR');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await smtp?.stop();
  });

  it('says who gets their link by email, and shows only the links to hand over', async () => {
    const round = await openRound(api, { ...partnership, bodies: [] });
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await signInOnPage(page, api.url, partnership.tenant.slug, coordinator);
    await page.goto(`${api.url}/health-check-rounds/rounds/${round.id}`);
    await page.getByRole('button', { name: "Invite the locality's bodies" }).click();

    await expect(page.locator('[data-invited]').textContent()).resolves.toMatch(/^4 people invited now; 0 had been/);
    await expect(page.locator('[data-emailed]').textContent()).resolves.toMatch(/^\s*3 of them get their own link by email/);
    await expect(page.locator('.govuk-warning-text').textContent()).resolves.toContain('no email address in JoinedUp');
    const links = await page.locator('[data-link]').allTextContents();
    expect(links).toHaveLength(1);
    await expect(page.locator('main').textContent()).resolves.toContain('Without Address');
    await expect(page.locator('main').textContent()).resolves.not.toContain('Emailed 1');
    await checkPage(page);
    await context.close();
  }, 120_000);
});
