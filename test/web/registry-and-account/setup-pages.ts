import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { checkPage, signInOnPage, tabTo, taskStatuses } from '../../support/web-page-checks';

const LOCALITIES = `query { localities(first: 20, includeArchived: true) { nodes { id name code archivedAt activeMemberCount } } }`;
const MEMBERS = `query($id: ID!) { locality(id: $id) { activeMemberCount members(includeFormer: true) { leftOn organisation { name } } } }`;
const BODIES_NAMED = `query($name: String!) { organisations(first: 5, nameContains: $name) { nodes { id name sector } } }`;
const PERSON = `query($id: ID!) { person(id: $id) { fullName jobTitle competencies { name level } } }`;

/**
 * A brand-new tenant's coordinator sets up the partnership from the task list: a locality,
 * its member bodies (up to the 40 cap, explained), people with competencies, and sees
 * those steps completed. Reviewers and member representatives are refused in the API's
 * words and change nothing; a form without this session's CSRF token changes nothing.
 * Every page at 320 px, checked by axe, with and without form errors.
 */
describe('set-up pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let rep: TestUser;
  let repBody: { id: string; name: string };
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-setup');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    repBody = await new RegistryFactory(api, coordinator.token).organisation('VOLUNTARY', 'Gateshead Carers');
    browser = await sharedBrowser.join();
    context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, coordinator);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  const localities = async () => (await api.ok(LOCALITIES, {}, coordinator.token)).localities.nodes;

  async function sendWithErrors(button: string, ...messages: string[]): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = (await page.locator('.govuk-error-summary').textContent())!;
    for (const message of messages) expect(summary).toContain(message);
    await checkPage(page);
  }

  it('shows a new tenant the steps not started, and adds a locality and its member bodies', async () => {
    await page.goto(`${api.url}/manage`);
    await page.getByRole('link', { name: 'Set up your partnership' }).click();
    await page.waitForURL(`${api.url}/setup`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Set up your partnership');
    expect(await taskStatuses(page)).toEqual(['Not yet started', 'Cannot start yet', 'Cannot start yet', 'Cannot start yet', 'Cannot start yet', 'Cannot start yet', 'Cannot start yet']);
    await expect(page.locator('main').textContent()).resolves.toContain('Creating users is for a tenant administrator');
    await checkPage(page);

    await page.getByRole('link', { name: 'Add a locality' }).click();
    await page.waitForURL(`${api.url}/manage/localities`);
    await expect(page.locator('main').textContent()).resolves.toContain('There are no localities yet');
    await page.getByLabel('Code').fill('E08 000037');
    await sendWithErrors('Add the locality', 'Enter the locality’s name, for example Gateshead', 'Enter the locality’s code as 1 to 20 letters, digits or hyphens');
    expect(await page.getByLabel('Code').inputValue()).toBe('E08 000037');
    expect(await localities()).toEqual([]);
    await page.getByLabel('Name').fill('Gateshead');
    await page.getByLabel('Code').fill('E08000037');
    await page.getByRole('button', { name: 'Add the locality' }).click();
    const [gateshead] = await localities();
    expect(page.url()).toBe(`${api.url}/manage/localities/${gateshead.id}?done=created`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Locality added');
    await expect(page.getByRole('link', { name: 'Conflict process' }).getAttribute('href')).resolves.toBe(`/manage/localities/${gateshead.id}/conflict-process`);
    await checkPage(page);

    // A new body, added in the same change; then an existing one chosen from the tenant's bodies.
    await page.getByLabel('Body’s name').fill('Gateshead Council');
    await sendWithErrors('Add the new body', 'Select the body’s sector');
    await page.getByLabel('Sector').selectOption('LOCAL_AUTHORITY');
    await page.getByRole('button', { name: 'Add the new body' }).click();
    await page.waitForURL(/done=added/);
    expect(page.url()).toBe(`${api.url}/manage/localities/${gateshead.id}?done=added`);
    await sendWithErrors('Add as a member body', 'Select the body to add');
    await page.getByLabel('Gateshead Carers').check();
    await page.getByRole('button', { name: 'Add as a member body' }).click();
    await page.waitForURL(`${api.url}/manage/localities/${gateshead.id}?done=added`);
    const rows = await page.locator('[data-members] tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Gateshead CarersVoluntary \d+ \w+ \d{4}Record that it left/),
      expect.stringMatching(/^Gateshead CouncilLocal authority \d+ \w+ \d{4}Record that it left/),
    ]);
    await checkPage(page);

    await page.goto(`${api.url}/setup`);
    expect((await taskStatuses(page)).slice(0, 3)).toEqual(['Completed', 'Completed', 'Not yet started']);
  }, 120_000);

  it('explains the 40 cap in place of the add form, and shows the API’s refusal at the cap', async () => {
    const [gateshead] = await localities();
    await new RegistryFactory(api, coordinator.token).members(gateshead.id, 38);
    await page.goto(`${api.url}/manage/localities/${gateshead.id}`);
    await expect(page.locator('[data-member-cap]').textContent()).resolves.toContain('Gateshead has 40 member bodies, the most a locality can have');
    expect(await page.getByRole('button', { name: 'Add the new body' }).count()).toBe(0);
    expect(await page.locator('[data-members] tbody tr').count()).toBe(40);
    await checkPage(page);

    // A form sent from a page shown before the cap was reached: the API refuses it, in its words.
    const _csrf = await page.locator('input[name=_csrf]').first().inputValue();
    const late = await context.request.post(`${api.url}/manage/localities/${gateshead.id}/members/new`, { form: { _csrf, name: 'One Too Many', sector: 'HOUSING' }, maxRedirects: 0 });
    expect(late.status()).toBe(409);
    expect(await late.text()).toContain('Gateshead already has 40 active member bodies, the most a locality can have.');
    expect((await api.ok(BODIES_NAMED, { name: 'One Too Many' }, coordinator.token)).organisations.nodes).toEqual([]);

    // Recording that a body left makes room again.
    await page.getByRole('link', { name: /^Record that it left\W+Gateshead Carers$/ }).click();
    await checkPage(page);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2026');
    await sendWithErrors('Record that it left', 'Enter the day it left as a real date');
    const today = new Date().toISOString().slice(0, 10).split('-');
    await page.getByLabel('Day').fill(today[2]);
    await page.getByLabel('Month').fill(today[1]);
    await page.getByLabel('Year').fill(today[0]);
    await page.getByRole('button', { name: 'Record that it left' }).click();
    await page.waitForURL(`${api.url}/manage/localities/${gateshead.id}?done=left`);
    await expect(page.getByRole('button', { name: 'Add the new body' }).count()).resolves.toBe(1);
    const after = (await api.ok(MEMBERS, { id: gateshead.id }, coordinator.token)).locality;
    expect(after.activeMemberCount).toBe(39);
    expect(after.members.filter((m: { leftOn: string | null }) => m.leftOn).map((m: { organisation: { name: string } }) => m.organisation.name)).toEqual(['Gateshead Carers']);
  }, 120_000);

  it('adds an organisation, a person with competencies, changes them, and sees the steps completed', async () => {
    await page.goto(`${api.url}/manage/organisations`);
    await checkPage(page);
    await page.getByLabel('Name', { exact: true }).fill('Queen Elizabeth Hospital');
    await page.getByLabel('Sector', { exact: true }).selectOption('HEALTH');
    await page.getByRole('button', { name: 'Add the organisation' }).click();
    const [hospital] = (await api.ok(BODIES_NAMED, { name: 'Queen Elizabeth' }, coordinator.token)).organisations.nodes;
    expect(hospital.sector).toBe('HEALTH');
    expect(page.url()).toBe(`${api.url}/manage/organisations/${hospital.id}?done=created`);
    await expect(page.locator('main').textContent()).resolves.toContain('Queen Elizabeth Hospital has no people yet');

    // Filtering the list by name and sector.
    await page.goto(`${api.url}/manage/organisations?name=Queen&sector=HEALTH`);
    expect(await page.locator('[data-organisations] tbody tr').allTextContents()).toEqual([expect.stringContaining('Queen Elizabeth Hospital')]);
    await page.goto(`${api.url}/manage/organisations?name=Queen&sector=POLICE`);
    await expect(page.locator('main').textContent()).resolves.toContain('No body matches these filters');

    await page.goto(`${api.url}/manage/organisations/${hospital.id}`);
    await page.getByLabel('Email address (optional)').fill('not an address');
    await page.locator('#competency-0-name').fill('Programme management');
    await sendWithErrors('Add the person', 'Enter the person’s full name', 'Enter the email address as an email address', 'Enter the level of Programme management');
    expect(await page.locator('#competency-0-name').inputValue()).toBe('Programme management');
    await page.getByLabel('Full name').fill('Priya Shah');
    await page.getByLabel('Job title (optional)').fill('Director of Integration');
    await page.getByLabel('Email address (optional)').fill('priya.shah@example.org');
    await page.locator('#competency-0-level').selectOption('4');
    await page.locator('#competency-1-name').fill('Finance');
    await page.locator('#competency-1-level').selectOption('2');
    await page.getByRole('button', { name: 'Add the person' }).click();
    await page.waitForURL(`${api.url}/manage/organisations/${hospital.id}?done=person`);
    const row = (await page.locator('[data-people] tbody tr').textContent())!.replace(/\s+/g, ' ');
    expect(row).toContain('Priya ShahDirector of Integration Finance (2), Programme management (4)');
    await checkPage(page);

    await page.getByRole('link', { name: 'Priya Shah' }).click();
    const personId = page.url().split('/').at(-1)!;
    await checkPage(page);
    // The names already held are suggested from the competency registry.
    expect(await page.locator('#competency-names option').evaluateAll((options) => options.map((o) => o.getAttribute('value')))).toEqual(['Finance', 'Programme management']);
    expect(await page.locator('#competency-2-name').getAttribute('list')).toBe('competency-names');
    // The rows are the competencies held, by name, then empty ones.
    expect(await page.locator('#competency-0-name').inputValue()).toBe('Finance');
    await page.locator('#competency-0-name').fill('');
    await page.locator('#competency-2-name').fill('Data sharing');
    await sendWithErrors('Save competencies', 'Enter the level of Data sharing');
    await page.locator('#competency-2-level').selectOption('3');
    await page.getByRole('button', { name: 'Save competencies' }).click();
    await page.waitForURL(`${api.url}/manage/people/${personId}?done=competencies`);
    expect((await api.ok(PERSON, { id: personId }, coordinator.token)).person).toEqual({
      fullName: 'Priya Shah',
      jobTitle: 'Director of Integration',
      competencies: expect.arrayContaining([{ name: 'Programme management', level: 4 }, { name: 'Data sharing', level: 3 }]),
    });
    expect((await api.ok(PERSON, { id: personId }, coordinator.token)).person.competencies).toHaveLength(2);

    await page.goto(`${api.url}/setup`);
    expect(await taskStatuses(page)).toEqual(['Completed', 'Completed', 'Completed', 'Not yet started', 'Not yet started', 'Not yet started', 'Cannot start yet']);
    await checkPage(page);
  }, 120_000);

  it('renames a locality and archives it after asking', async () => {
    const [gateshead] = await localities();
    await page.goto(`${api.url}/manage/localities/${gateshead.id}`);
    await page.getByLabel('Locality’s name').fill('');
    await sendWithErrors('Rename', 'Enter the locality’s new name');
    // By keyboard alone: to the field (from the error summary's link), then to its button.
    await page.locator('.govuk-error-summary a').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Gateshead and Felling');
    await tabTo(page, (el) => el.tag === 'BUTTON');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.url}/manage/localities/${gateshead.id}?done=renamed`);
    await page.getByRole('link', { name: 'Archive Gateshead and Felling' }).click();
    await checkPage(page);
    expect((await localities())[0].archivedAt).toBeNull();
    await page.getByRole('button', { name: 'Archive Gateshead and Felling' }).click();
    await page.waitForURL(`${api.url}/manage/localities/${gateshead.id}?done=archived`);
    expect((await localities())[0]).toMatchObject({ name: 'Gateshead and Felling', archivedAt: expect.any(String) });
    await page.goto(`${api.url}/manage/localities`);
    expect((await page.locator('[data-localities] tbody tr').textContent())!.replace(/\s+/g, ' ')).toContain('Gateshead and Felling Archived');
    await checkPage(page);
  }, 60_000);

  it('refuses reviewers and member representatives in the API’s words, and forms without this session’s token, changing nothing', async () => {
    const before = await localities();
    const [gateshead] = before;
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', repBody.id);
    for (const user of [reviewer, rep]) {
      const other = await browser.newContext({ viewport: { width: 320, height: 720 } });
      const theirs = await other.newPage();
      await signInOnPage(theirs, api.url, tenant.slug, user);
      const _csrf = await theirs.locator('input[name=_csrf]').first().inputValue();
      const setup = await theirs.goto(`${api.url}/setup`);
      expect(setup!.status()).toBe(403);
      await expect(theirs.locator('main').textContent()).resolves.toContain('Only coordinators and tenant administrators can see how far the partnership is set up.');
      await checkPage(theirs);
      expect((await theirs.goto(`${api.url}/manage`))!.status()).toBe(403);
      expect((await theirs.goto(`${api.url}/manage/localities`))!.status()).toBe(403);
      await expect(theirs.locator('main').textContent()).resolves.toContain('Only coordinators and tenant administrators set up and run the partnership');

      const forged = await other.request.post(`${api.url}/manage/localities`, { form: { _csrf, name: 'Forged', code: 'FORGED' }, maxRedirects: 0 });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).toContain('Only coordinators and tenant administrators can create a locality.');
      const person = await other.request.post(`${api.url}/manage/organisations/${repBody.id}/people`, { form: { _csrf, rows: '1', fullName: 'Forged Person' }, maxRedirects: 0 });
      expect(person.status()).toBe(403);
      expect(await person.text()).toContain('Only coordinators and tenant administrators can create a person.');
      await other.close();
    }
    // The coordinator's own form, without this session's token or with another's.
    const forms: Record<string, string>[] = [{ name: 'No token', code: 'NOTOKEN' }, { _csrf: 'x'.repeat(40), name: 'Bad token', code: 'BADTOKEN' }];
    for (const form of forms) {
      const response = await context.request.post(`${api.url}/manage/localities`, { form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form could not be sent');
    }
    const rename = await context.request.post(`${api.url}/manage/localities/${gateshead.id}/rename`, { form: { localityName: 'Renamed' }, maxRedirects: 0 });
    expect(rename.status()).toBe(403);
    expect(await localities()).toEqual(before);
    expect((await api.ok(BODIES_NAMED, { name: 'Forged' }, coordinator.token)).organisations.nodes).toEqual([]);
  }, 120_000);
});
