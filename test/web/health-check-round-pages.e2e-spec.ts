import { Browser, BrowserContext, Page } from 'playwright-core';
import { BUILT_IN_INSTRUMENT_ID } from '@joinedup/health-check';
import { ApiHarness, TestUser } from '../support/api-harness';
import { launchChromium } from '../support/chromium';
import { checkPage, tabTo, signInOnPage } from '../support/web-page-checks';
import { SUBMIT, SurveyedPartnership, answersTo, surveyedPartnership, utcDay } from '../health-check/health-check-fixture';

const ROUND = `query($id: ID!) { surveyRound(id: $id) { status closesOn invitedCount responseCount statements { id position } } }`;

/**
 * A coordinator's health-check round in a real Chromium: open it (keyboard alone, the API's
 * refusals in the error summary), invite the locality's bodies, see the counts, close it and
 * read the results; axe-core and 320 px on every page; a member representative refused; a
 * POST without its CSRF token refused with nothing changed.
 */
describe('health-check round web pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let partnership: SurveyedPartnership;
  let coordinator: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    // The responses below are sent from 127.0.0.1, many more than one address may send by default.
    api = await ApiHarness.start({ HEALTH_CHECK_ADDRESS_LIMIT: '100000' });
    partnership = await surveyedPartnership(api, 'web-rounds', { bodies: 3, peoplePerBody: 2 });
    coordinator = await api.newUser(partnership.tenant, 'COORDINATOR');
    rep = await api.newUser(partnership.tenant, 'MEMBER_REPRESENTATIVE', partnership.bodies[0].id);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  async function signIn(user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await signInOnPage(page, api.url, partnership.tenant.slug, user);
    return { context, page };
  }

  const parts = (iso: string) => {
    const [y, m, d] = iso.split('-').map((n) => String(Number(n)));
    return [d, m, y];
  };

  it('takes a coordinator from opening a round to its results', async () => {
    const { context, page } = await signIn(coordinator);
    await page.getByRole('link', { name: 'Health checks' }).click();
    await checkPage(page);
    await page.getByRole('link', { name: await localityName() }).click();
    await page.waitForURL(`${api.url}/health-check-rounds/localities/${partnership.localityId}`);
    await expect(page.locator('main').textContent()).resolves.toContain('No round has been opened');
    await checkPage(page);
    await page.getByRole('button', { name: 'Open a round' }).click();
    await checkPage(page);

    // Nothing filled in: each field says what to enter, in the error summary and beside it.
    await page.getByRole('button', { name: 'Open the round' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Enter a title[\s\S]*Enter the first day[\s\S]*Enter the last day/);
    await checkPage(page);

    // Filled in with the keyboard alone; a last day before the first is refused by the API, in its words.
    const today = await utcDay(api);
    const yesterday = await utcDay(api, -1);
    const inAWeek = await utcDay(api, 7);
    await tabTo(page, (el) => el.name === 'title');
    await page.keyboard.type('Winter health check');
    for (const value of [...parts(today), ...parts(yesterday)]) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(value);
    }
    const sent = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.keyboard.press('Enter');
    await sent;
    await page.waitForLoadState();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('A round cannot close before it opens.');
    await expect(page.locator('#closesOn-error').textContent()).resolves.toContain('A round cannot close before it opens.');
    expect(await page.getByLabel('Title').inputValue()).toBe('Winter health check');
    await checkPage(page);
    expect(await api.owner.query(`select 1 from survey_round where locality_id = $1`, [partnership.localityId])).toHaveLength(0);

    await tabTo(page, (el) => el.name === 'closesOn-day');
    const [d, m, y] = parts(inAWeek);
    for (const value of [d, m, y]) {
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/health-check-rounds\/rounds\/[0-9a-f-]{36}$/);
    const roundId = page.url().split('/').pop()!;
    await expect(page.locator('h1').textContent()).resolves.toBe('Winter health check');
    await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(/People invited\s*0[\s\S]*Responses\s*0/);
    await checkPage(page);

    // Inviting the locality's bodies shows each new link once, with the warning.
    await page.getByRole('button', { name: "Invite the locality's bodies" }).click();
    await expect(page.locator('[data-invited]').textContent()).resolves.toMatch(/^6 people invited now; 0 had been/);
    await expect(page.locator('.govuk-warning-text').textContent()).resolves.toContain('shown only now');
    const links = await page.locator('[data-link]').allTextContents();
    expect(links).toHaveLength(6);
    await checkPage(page);

    // Everyone answers through the API, as their links let them.
    const { surveyRound } = await api.ok(ROUND, { id: roundId }, coordinator.token);
    for (const [i, link] of links.entries()) {
      const token = link.trim().split('/').pop()!;
      await api.ok(SUBMIT, { input: { token, answers: answersTo(surveyRound.statements, (p) => (p === 1 && i < 4 ? 'DISAGREE' : 'AGREE')) } });
    }
    await page.getByRole('link', { name: 'Back to the round' }).click();
    await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(/People invited\s*6[\s\S]*Responses\s*6/);

    // A close without the form's CSRF token is refused and changes nothing.
    const forged = await context.request.post(`${api.url}/health-check-rounds/rounds/${roundId}/close`, { form: {} });
    expect(forged.status()).toBe(403);
    expect((await api.ok(ROUND, { id: roundId }, coordinator.token)).surveyRound).toMatchObject({ status: 'OPEN', closesOn: inAWeek });

    await page.getByRole('button', { name: 'Close the round' }).click();
    await page.waitForURL(`${api.url}/health-check-rounds/rounds/${roundId}`);
    expect((await api.ok(ROUND, { id: roundId }, coordinator.token)).surveyRound).toMatchObject({ status: 'CLOSED', closesOn: today });
    await expect(page.locator('.govuk-summary-list').textContent()).resolves.toContain('Closed');
    await checkPage(page);

    // Until the answers are settled after the close, the results say why they are not shown.
    await page.getByRole('link', { name: 'Results' }).click();
    await expect(page.locator('h2').first().textContent()).resolves.toBe('Results not shown');
    expect(await page.locator('[data-note]').textContent()).toMatch(/\S/);
    await checkPage(page);

    // The close in the past, the answers settled: the shares beside 2007, and the breakdowns.
    await api.owner.query(`update survey_round set opens_on = $2, closes_on = $3 where id = $1`, [roundId, await utcDay(api, -3), yesterday]);
    await api.owner.query(`select settle_survey_responses(true)`);
    await page.reload();
    const rows = page.locator('[data-results] tbody tr');
    expect(await rows.count()).toBe(7);
    await expect(rows.first().textContent()).resolves.toMatch(/67 % \(\d+ % to \d+ %\)[\s\S]*4 of 6/);
    await expect(page.locator('main').textContent()).resolves.toMatch(/By sector[\s\S]*By organisation/);
    // The perception gap: each barrier's survey share beside its records' share, with the API's reading.
    const gap = page.locator('[data-perception-gap] tbody tr');
    expect(await gap.count()).toBe(7);
    await expect(gap.first().textContent()).resolves.toMatch(/Flexibility\s*No governance scan[^\n]*\s*67 %\s*–/);
    await checkPage(page);

    await page.getByRole('link', { name: 'Back to the round' }).click();
    await page.getByRole('link', { name: /All rounds of/ }).click();
    await expect(page.locator('table').textContent()).resolves.toMatch(/Winter health check[\s\S]*6 of 6/);
    await checkPage(page);
    await context.close();
  }, 180_000);

  it("pages a locality's rounds, 20 at a time", async () => {
    const place = await partnership.make.locality();
    for (let i = 1; i <= 21; i++) {
      await api.owner.query(
        `insert into survey_round (tenant_id, locality_id, instrument_id, title, opens_on, closes_on)
         values ($1, $2, $3, $4, $5, $5)`,
        [partnership.tenant.id, place.id, BUILT_IN_INSTRUMENT_ID, `Old check ${i}`, await utcDay(api, -100 + i)],
      );
    }
    const { context, page } = await signIn(coordinator);
    await page.goto(`${api.url}/health-check-rounds/localities/${place.id}`);
    const titles = () => page.locator('tbody tr a').allTextContents();
    expect(await titles()).toEqual(Array.from({ length: 20 }, (_, i) => `Old check ${21 - i}`));
    await checkPage(page);
    // The titles are read once the next page has loaded, not from the page being left.
    await page.getByRole('link', { name: 'Earlier rounds' }).click();
    await page.waitForURL((url) => url.searchParams.has('after'));
    expect(await titles()).toEqual(['Old check 1']);
    await expect(page.getByRole('link', { name: 'Earlier rounds' }).count()).resolves.toBe(0);
    await context.close();
  }, 60_000);

  it('refuses a member representative and says who may', async () => {
    const { context, page } = await signIn(rep);
    await expect(page.getByRole('link', { name: 'Health checks' }).count()).resolves.toBe(0);
    const list = await page.goto(`${api.url}/health-check-rounds/localities/${partnership.localityId}`);
    expect(list!.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain('Only partnership coordinators, tenant administrators and reviewers can see');
    await checkPage(page);
    const form = await page.goto(`${api.url}/health-check-rounds/localities/${partnership.localityId}/open`);
    expect(form!.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain('Only partnership coordinators and tenant administrators can open');
    await context.close();
  }, 60_000);

  it('sends a browser that is not signed in to sign in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${api.url}/health-check-rounds`);
    expect(page.url()).toBe(`${api.url}/sign-in`);
    await context.close();
  });

  it("opens a round of one programme's bodies, with neutral answers counted and a larger minimum group", async () => {
    const programme = await partnership.make.programme(partnership.localityId, [partnership.bodies[0].id, partnership.bodies[1].id], { name: 'Safer Nights' });
    const { context, page } = await signIn(coordinator);
    await page.goto(`${api.url}/health-check-rounds/localities/${partnership.localityId}/open`);
    expect(await page.getByLabel('Smallest group shown').inputValue()).toBe('5');
    await page.getByLabel('Title').fill('Safer Nights check');
    const [d, m, y] = parts(await utcDay(api, 7));
    for (const prefix of ['opensOn', 'closesOn']) {
      await page.locator(`#${prefix}-day`).fill(d);
      await page.locator(`#${prefix}-month`).fill(m);
      await page.locator(`#${prefix}-year`).fill(y);
    }
    await page.getByLabel('Whose bodies does it ask?').selectOption(programme.id);
    await page.getByLabel('Smallest group shown').fill('2');
    await page.getByLabel(/Count “Neither agree nor disagree”/).check();
    await page.getByRole('button', { name: 'Open the round' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the smallest group as a whole number from 3 to 100');
    await checkPage(page);
    // What was chosen is kept for the second try.
    expect(await page.getByLabel('Whose bodies does it ask?').inputValue()).toBe(programme.id);
    expect(await page.getByLabel(/Count “Neither agree nor disagree”/).isChecked()).toBe(true);
    await page.getByLabel('Smallest group shown').fill('8');
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.waitForURL(/\/health-check-rounds\/rounds\/[0-9a-f-]{36}$/);
    await expect(page.locator('.govuk-summary-list').textContent()).resolves.toMatch(
      /Asks\s*the bodies taking part in Safer Nights[\s\S]*8 responses[\s\S]*counts as reporting the weakness/,
    );
    await checkPage(page);
    const roundId = page.url().split('/').pop()!;
    const { surveyRound } = await api.ok(`query($id: ID!) { surveyRound(id: $id) { minGroupSize countNeutral programme { id } } }`, { id: roundId }, coordinator.token);
    expect(surveyRound).toEqual({ minGroupSize: 8, countNeutral: true, programme: { id: programme.id } });
    await context.close();
  }, 60_000);

  async function localityName(): Promise<string> {
    const { locality } = await api.ok(`query($id: ID!) { locality(id: $id) { name } }`, { id: partnership.localityId }, coordinator.token);
    return locality.name;
  }
});
