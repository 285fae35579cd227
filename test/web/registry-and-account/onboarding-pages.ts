import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { BODIES_SHEET, PEOPLE_SHEET, csvTemplate, onboardingCsv, readOnboardingFile } from '@joinedup/onboarding';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { checkPage, signInOnPage, tabTo } from '../../support/web-page-checks';

/** A file of 40 bodies with three people each, as a coordinator would fill in the CSV template. */
function bigFile(): Buffer {
  const rows = Array.from({ length: 40 }, (_, i) => [
    { kind: 'Member body', cells: { Name: `Tyne Body ${i}`, Sector: i % 2 ? 'Voluntary' : 'Local authority', 'External reference': `TB-${i}` } },
    ...[0, 1, 2].map((j) => ({
      kind: 'Person',
      cells: {
        Name: `Person ${i}-${j}`,
        'Job title': 'Partnerships Officer',
        Email: `person.${i}.${j}@tyne.test`,
        Body: `TB-${i}`,
        Competencies: 'Programme management: 3',
        'Represents their body': j === 0 ? 'Yes' : '',
      },
    })),
  ]).flat();
  return Buffer.from(onboardingCsv(rows));
}

/**
 * The spreadsheet import of a locality: a coordinator downloads the templates, uploads 40
 * bodies and 120 people, checks the preview, confirms, and finds them in the registry; the
 * same file again changes nothing; a file with problems shows each on its row and column.
 * Forms without this session's token, and from roles that may not import, change nothing.
 */
describe('onboarding pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let locality: { id: string; name: string };
  let importUrl: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-onboarding');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const make = new RegistryFactory(api, coordinator.token);
    locality = await make.locality('Tyneside');
    // A person of another locality's body makes "Programme management" a competency of the registry.
    await make.person((await make.organisation()).id, 'Someone Else', 'someone@elsewhere.test');
    importUrl = `${api.url}/manage/localities/${locality.id}/import`;
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signedIn(user: TestUser, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, acceptDownloads: true, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInOnPage(page, api.url, tenant.slug, user);
    return { context, page };
  }

  const registry = async () =>
    (
      await api.owner.query(
        `select (select count(*)::int from membership where locality_id = $1 and left_on is null) as members,
                (select count(*)::int from person where tenant_id = $2) as people`,
        [locality.id, tenant.id],
      )
    )[0];

  async function upload(page: Page, name: string, buffer: Buffer): Promise<void> {
    await page.goto(importUrl);
    await page.getByLabel('Upload a file').setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer });
    await page.getByRole('button', { name: 'Upload and check' }).click();
  }

  it('downloads the templates, imports 40 bodies and 120 people after the preview, and the same file again changes nothing', async () => {
    const { context, page } = await signedIn(coordinator);
    await page.goto(importUrl);
    await expect(page.locator('h1').textContent()).resolves.toBe('Import member bodies and people');
    await expect(page.locator('[data-member-count]').textContent()).resolves.toContain('Tyneside has 0 member bodies');
    await checkPage(page);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV template (.csv)' }).click()]);
    expect(readFileSync((await csv.path())!, 'utf8')).toBe(`\uFEFF${csvTemplate()}`);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel template (.xlsx)' }).click()]);
    const template = await readOnboardingFile('template.xlsx', readFileSync((await xlsx.path())!));
    expect([template.problems, template.rows.bodies.length, template.rows.people.length]).toEqual([[], 1, 1]);

    await upload(page, 'tyneside.csv', bigFile());
    await expect(page.locator('h1').textContent()).resolves.toBe('Check what the file changes');
    const summary = await page.locator('.govuk-summary-list').textContent();
    expect(summary).toMatch(/Member bodies\s*40 to create, 0 to change, 0 unchanged/);
    expect(summary).toMatch(/People\s*120 to create/);
    await expect(page.locator('[data-steps] li').first().textContent()).resolves.toBe('Row 2: Member body Tyne Body 0 (Local authority): created, and joins the locality');
    await expect(page.locator('[data-steps] li').count()).resolves.toBe(160);
    await checkPage(page);
    expect(await registry()).toEqual({ members: 0, people: 1 });

    await page.getByRole('button', { name: 'Confirm and import' }).click();
    await page.waitForURL(`${importUrl}?done=imported`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The file was imported');
    await expect(page.locator('[data-member-count]').textContent()).resolves.toContain('Tyneside has 40 member bodies');
    await checkPage(page);
    expect(await registry()).toEqual({ members: 40, people: 121 });

    // The people are in the registry, with their body and competencies.
    const [person] = await api.owner.query(`select id from person where tenant_id = $1 and email = 'person.7.0@tyne.test'`, [tenant.id]);
    await page.goto(`${api.url}/records/people/${person.id}`);
    const record = (await page.locator('main').textContent())!;
    expect(record).toContain('Partnerships Officer');
    expect(record).toContain('Tyne Body 7');
    expect(record).toMatch(/Programme management/);

    await upload(page, 'tyneside.csv', bigFile());
    await expect(page.locator('h1').textContent()).resolves.toBe('Nothing to change');
    await expect(page.locator('[data-nothing]').textContent()).resolves.toContain('importing it would change nothing');
    await expect(page.getByRole('button', { name: 'Confirm and import' }).count()).resolves.toBe(0);
    await checkPage(page);
    expect(await registry()).toEqual({ members: 40, people: 121 });
    await context.close();
  }, 120_000);

  it('shows each problem of a file on its row and column, and asks for a file before sending anything (keyboard; no JavaScript)', async () => {
    const before = await registry();
    const { context, page } = await signedIn(coordinator);
    await page.goto(importUrl);
    await tabTo(page, (el) => el.type === 'submit');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary a[href="#file"]').textContent()).resolves.toBe('Select a CSV or Excel file');
    await expect(page.locator('#file-error').textContent()).resolves.toContain('Select a CSV or Excel file');
    await checkPage(page);

    const workbook = new Workbook();
    workbook.addWorksheet(BODIES_SHEET).addRows([
      ['Name', 'Sector', 'External reference'],
      ['Hebburn Youth Trust', 'Charity', ''],
      ['Jarrow Foodbank', 'Voluntary', { formula: '"JF-"&1', result: 'JF-1' }],
      ['South Tyneside College', 'Education', 'STC'],
    ]);
    workbook.addWorksheet(PEOPLE_SHEET).addRows([
      ['Name', 'Job title', 'Email', 'Body', 'Competencies', 'Represents their body'],
      ['Ruth Nolan', 'Principal', 'ruth.nolan@stc.test', 'STC', 'Juggling: 9', 'Yes'],
      ['Kim Lee', 'Tutor', 'kim.lee', 'STC', '', ''],
    ]);
    const withProblems = Buffer.from(await workbook.xlsx.writeBuffer());
    const expected = [
      // The locality has 40 members already (the first test).
      expect.stringMatching(/^The whole file: This file would give Tyneside 42 member bodies \(40 now and 2 joining\); a locality has at most 40\./),
      expect.stringMatching(/^Member bodies, row 2, Sector: "Charity" is not a sector: enter one of Local authority, Health/),
      expect.stringMatching(/^Member bodies, row 3, External reference: The cell contains a formula/),
      'People, row 2, Competencies: Give "Juggling" a level from 1 to 5',
      'People, row 3, Email: "kim.lee" is not an email address: enter one like name@example.org',
    ];
    await upload(page, 'problems.xlsx', withProblems);
    await expect(page.locator('h1').textContent()).resolves.toBe('Fix the file before importing it');
    expect(await page.locator('[data-problems] li').allTextContents()).toEqual(expected);
    await expect(page.getByRole('button', { name: 'Confirm and import' }).count()).resolves.toBe(0);
    await checkPage(page);
    await context.close();

    // The same without JavaScript (axe needs it: the pages were checked above).
    const { context: plain, page: noScript } = await signedIn(coordinator, { javaScriptEnabled: false });
    await upload(noScript, 'problems.xlsx', withProblems);
    expect(await noScript.locator('[data-problems] li').allTextContents()).toEqual(expected);
    await upload(noScript, 'people.txt', Buffer.from('x'));
    await expect(noScript.locator('#file-error').textContent()).resolves.toContain('The selected file must be a CSV or Excel file (.csv or .xlsx)');
    expect(await registry()).toEqual(before);
    await plain.close();
  }, 60_000);

  it('refuses forms without this session’s token, a file over 5 MB, and reviewers, changing nothing', async () => {
    const { context, page } = await signedIn(coordinator);
    const before = await registry();
    await page.goto(importUrl);
    const token = await page.locator('input[name=_csrf]').inputValue();
    // A body of the locality moves sector.
    const file = { name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(onboardingCsv([{ kind: 'Member body', cells: { Name: 'Tyne Body 0', Sector: 'Health', 'External reference': 'TB-0' } }])) };
    const post = (path: string, multipart: Record<string, string | typeof file>, on = page) =>
      on.context().request.post(`${importUrl}${path}`, { multipart, maxRedirects: 0 });

    expect((await post('', { file })).status()).toBe(403);
    const { context: otherSession, page: other } = await signedIn(coordinator);
    await other.goto(importUrl);
    expect((await post('', { _csrf: await other.locator('input[name=_csrf]').inputValue(), file })).status()).toBe(403);
    const tooBig = await post('', { _csrf: token, file: { ...file, buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') } });
    expect(tooBig.status()).toBe(400);
    expect(await tooBig.text()).toContain('The selected file must be smaller than 5 MB');

    // A real preview's confirmation, sent without the token, and by a reviewer with theirs.
    await upload(page, 'more.csv', file.buffer);
    const confirm = Object.fromEntries(
      await Promise.all(['fileName', 'planDigest', 'content'].map(async (name) => [name, await page.locator(`input[name=${name}]`).inputValue()])),
    ) as Record<string, string>;
    expect((await post('/confirm', confirm)).status()).toBe(403);
    expect((await post('/confirm', { ...confirm, _csrf: await other.locator('input[name=_csrf]').inputValue() })).status()).toBe(403);

    const { context: reviewerSession, page: reviewing } = await signedIn(reviewer);
    await reviewing.goto(importUrl);
    await expect(reviewing.locator('h1').textContent()).resolves.toBe('You cannot import here');
    await checkPage(reviewing);
    await reviewing.goto(`${api.url}/sign-in`);
    const reviewerToken = await reviewing.locator('input[name=_csrf]').inputValue();
    const refused = await post('/confirm', { ...confirm, _csrf: reviewerToken }, reviewing);
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Only coordinators and tenant administrators can import member bodies and people from a spreadsheet.');
    expect((await post('', { _csrf: reviewerToken, file }, reviewing)).status()).toBe(403);
    expect(await registry()).toEqual(before);

    // The coordinator's own confirmation, once the registry changed under it, is refused in the API's words.
    await api.owner.query(`update organisation set sector = 'POLICE' where tenant_id = $1 and external_ref = 'TB-0'`, [tenant.id]);
    const stale = await post('/confirm', { ...confirm, _csrf: token });
    expect(stale.status()).toBe(409);
    expect(await stale.text()).toContain('changed since the preview was made');
    expect(await api.owner.query(`select sector from organisation where tenant_id = $1 and external_ref = 'TB-0'`, [tenant.id])).toEqual([{ sector: 'POLICE' }]);
    await Promise.all([context.close(), otherSession.close(), reviewerSession.close()]);
  }, 90_000);
});
