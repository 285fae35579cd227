import { parse } from 'csv-parse/sync';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { FORMULA_NAME, registerFixture, RegisterFixture } from '../../support/register-fixtures';
import { checkPage, signInOnPage } from '../../support/web-page-checks';

/** Each register's link text on the page and the first header of its file, in the page's order. */
const REGISTERS: [string, string][] = [
  ['Member bodies', 'Member body'],
  ['People', 'Name'],
  ['Roles and fit', 'Programme'],
  ['Conflict log', 'Opened'],
  ['Improvement reviews', 'Programme'],
  ['Improvement measures', 'Programme'],
  ['Briefing acknowledgements', 'Programme'],
  ['Alignment requests', 'Programme'],
  ['Recognitions', 'Given on'],
  ['Open governance flags', 'Barrier'],
];

/**
 * The downloads page of a locality's registers: a coordinator finds every register and
 * each file opens in a spreadsheet as it should (UTF-8 with a BOM, a header, formula-like
 * text neutralised); a reviewer gets what the pages show them; a member representative and
 * another tenant get nothing. At 320 px, checked by axe. The page has no forms.
 */
describe('register download pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let fixture: RegisterFixture;
  let other: TestTenant;
  let page: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-exports');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    fixture = await registerFixture(api, tenant, coordinator.token);
    other = await api.newTenant('web-exports-other');
    page = `${api.url}/manage/localities/${fixture.localityId}/exports`;
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signedIn(user: { email: string; password: string }, slug = tenant.slug): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, acceptDownloads: true });
    const tab = await context.newPage();
    tab.setDefaultTimeout(15_000);
    await signInOnPage(tab, api.url, slug, user);
    return { context, page: tab };
  }

  /** A file as the signed-in browser downloads it: headers, bytes and its rows. */
  async function download(context: BrowserContext, href: string) {
    const response = await context.request.get(new URL(href, api.url).toString());
    const body = await response.body();
    return {
      status: response.status(),
      type: response.headers()['content-type'],
      disposition: response.headers()['content-disposition'],
      body,
      rows: response.status() === 200 ? (parse(body, { bom: true }) as string[][]) : [],
    };
  }

  it('lists every register for a coordinator, and each link downloads a CSV that a spreadsheet reads safely', async () => {
    const { context, page: tab } = await signedIn(coordinator);
    await tab.goto(page);
    expect(await tab.title()).toContain(`Download registers: `);
    await expect(tab.locator('h1').textContent()).resolves.toBe('Download registers');
    await checkPage(tab);
    const links = tab.locator('[data-registers] a');
    await expect(links.allTextContents()).resolves.toEqual(REGISTERS.map(([title]) => expect.stringMatching(new RegExp(`^${title} of .+ \\(CSV\\)$`))));
    await expect(tab.getByRole('heading', { name: /^More for / }).count()).resolves.toBe(1);

    for (const [i, [title, firstHeader]] of REGISTERS.entries()) {
      const file = await download(context, (await links.nth(i).getAttribute('href'))!);
      expect([title, file.status, file.type]).toEqual([title, 200, 'text/csv; charset=utf-8']);
      expect(file.disposition).toMatch(/^attachment; filename="[a-z-]+-[A-Za-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect([title, file.rows[0][0]]).toEqual([title, firstHeader]);
      expect(file.rows.length).toBeGreaterThan(1);
      expect(file.rows.flat().filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    }
    const bodies = await download(context, (await links.first().getAttribute('href'))!);
    expect(bodies.rows.map((row) => row[0])).toEqual(['Member body', `'${FORMULA_NAME}`, 'Gateshead Health']);
    await context.close();
  });

  it('downloads a file by keyboard (Enter on its link) as a browser download with its file name', async () => {
    const { context, page: tab } = await signedIn(coordinator);
    await tab.goto(page);
    await tab.getByRole('link', { name: /^Conflict log of / }).focus();
    const [file] = await Promise.all([tab.waitForEvent('download'), tab.keyboard.press('Enter')]);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^conflict-log-${fixture.localityCode}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    await context.close();
  });

  it('takes a reviewer from the locality’s health page to the registers as the pages show them, without the management pages', async () => {
    const { context, page: tab } = await signedIn(reviewer);
    await tab.goto(`${api.url}/localities/${fixture.localityId}`);
    await tab.getByRole('link', { name: 'Download registers (CSV for Excel)' }).click();
    await tab.waitForURL(page);
    await checkPage(tab);
    await expect(tab.getByRole('heading', { name: /^More for / }).count()).resolves.toBe(0);
    const href = (await tab.getByRole('link', { name: /^Conflict log of / }).getAttribute('href'))!;
    const asReviewer = await download(context, href);
    expect(asReviewer.rows[1]).toContain(`'${fixture.conflictTitle}`);
    const { context: coordinating } = await signedIn(coordinator);
    expect(asReviewer.rows).toEqual((await download(coordinating, href)).rows);
    await Promise.all([context.close(), coordinating.close()]);
  });

  it('refuses a member representative the page and every file, saying who may', async () => {
    const { context, page: tab } = await signedIn(fixture.representative);
    const response = await tab.goto(page);
    expect(response!.status()).toBe(403);
    await expect(tab.locator('main').textContent()).resolves.toContain('Only coordinators, reviewers and tenant administrators can download registers.');
    await checkPage(tab);
    const file = await download(context, `${page}/member-bodies.csv`);
    expect([file.status, file.type]).toEqual([403, 'text/html; charset=utf-8']);
    expect(file.body.toString()).not.toContain(fixture.personName);
    await context.close();
  });

  it('shows another tenant, a register there is not and a bad address as not found; sends the signed-out to sign in', async () => {
    const { context } = await signedIn(other.admin, other.slug);
    for (const address of [page, `${page}/people.csv`]) {
      const file = await download(context, address);
      expect([address, file.status]).toEqual([address, 404]);
      expect(file.body.toString()).not.toContain(fixture.personName);
    }
    const { context: coordinating } = await signedIn(coordinator);
    for (const address of [`${page}/secrets.csv`, `${page}/people.txt`, `${api.url}/manage/localities/nope/exports/people.csv`]) {
      expect([address, (await download(coordinating, address)).status]).toEqual([address, 404]);
    }
    const signedOut = await browser.newContext();
    const response = await signedOut.request.get(`${page}/people.csv`, { maxRedirects: 0 });
    expect([response.status(), response.headers().location]).toEqual([303, '/sign-in']);
    await Promise.all([context.close(), coordinating.close(), signedOut.close()]);
  });
});
