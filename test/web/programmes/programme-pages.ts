import { Browser, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { ENDORSE, RegistryFactory } from '../../support/registry-factory';
import { checkPage, signInOnPage, tabTo } from '../../support/web-page-checks';

const PROGRAMME_NOW = `query($id: ID!) { programme(id: $id) { status participants { name } leader { person { fullName } }
  openNomination { kind } roles { title holder { id } } } }`;
const PROGRAMMES_OF = `query($l: ID!) { programmes(localityId: $l, first: 10) { nodes { id name } } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;

// Read when the test runs, not when its collective imports it (minutes before).
const dayOfToday = () => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());

/**
 * A coordinator runs a programme from its pages: creates it with participants, changes its
 * status and bodies, nominates a leader and follows the tally as member representatives
 * endorse until the leader is agreed, re-confirms, records a step-down, defines a role,
 * assigns it (fit and what is missing shown) and vacates it. Reviewers and member
 * representatives see no forms and are refused by the API when they POST; a POST without
 * this session's CSRF token changes nothing. axe and 320 px on every page.
 */
describe('programme management pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let locality: { id: string; name: string };
  let bodies: { id: string; name: string }[];
  let reps: TestUser[];
  let programmeId: string;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-programmes');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const make = new RegistryFactory(api, coordinator.token);
    locality = await make.locality('Wear Valley');
    bodies = await make.members(locality.id, 3, ['Durham County Council', 'Durham Constabulary', 'County Durham Fire']);
    await make.person(bodies[0].id, 'Dana Lead');
    const competencies = [{ name: 'Data', level: 4 }, { name: 'Programme management', level: 4 }];
    await api.ok(CREATE_PERSON, { input: { organisationId: bodies[1].id, fullName: 'Sam Carer', jobTitle: 'Analyst', competencies } }, coordinator.token);
    await api.ok(CREATE_PERSON, { input: { organisationId: bodies[2].id, fullName: 'Kit Warden', competencies: [{ name: 'Safeguarding', level: 5 }] } }, coordinator.token);
    reps = [];
    for (const body of bodies) reps.push(await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id));
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signIn(user: TestUser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, user);
    return page;
  }
  const programmeNow = async () => (await api.ok(PROGRAMME_NOW, { id: programmeId }, coordinator.token)).programme;
  const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();
  const summaryOf = (page: Page) => page.locator('.govuk-error-summary').textContent();

  async function sendShowingErrors(page: Page, button: string, ...messages: string[]): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = (await summaryOf(page))!;
    for (const message of messages) expect(summary).toContain(message);
    await checkPage(page);
  }

  it('creates a programme with participants, changes its status and bodies', async () => {
    const page = await signIn(coordinator);
    await page.goto(`${api.url}/manage/localities/${locality.id}/programmes`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Programmes');
    await expect(page.locator('main').textContent()).resolves.toContain('Wear Valley has no programmes yet.');
    await checkPage(page);

    await page.getByLabel('Leader’s term in months').fill('');
    await page.getByLabel('A qualified majority supports').check();
    await sendShowingErrors(page, 'Create the programme', 'Enter the programme’s name', 'Enter the leader’s term in months', 'Enter the share of bodies that must support');
    expect((await api.ok(PROGRAMMES_OF, { l: locality.id }, coordinator.token)).programmes.nodes).toEqual([]);

    await page.getByLabel('Name', { exact: true }).fill('Warm Homes');
    await page.getByLabel('Leader’s term in months').fill('24');
    await page.getByLabel('Share of the bodies that must support').fill('66.7');
    const starts = ['1', '4', '2027'];
    const startsOn = page.getByRole('group', { name: 'Starts on (optional)' });
    await startsOn.getByLabel('Day').fill(starts[0]);
    await startsOn.getByLabel('Month').fill(starts[1]);
    await startsOn.getByLabel('Year').fill(starts[2]);
    await page.getByLabel('Durham County Council').check();
    await page.getByLabel('Durham Constabulary').check();
    await page.getByRole('button', { name: 'Create the programme' }).click();
    [{ id: programmeId }] = (await api.ok(PROGRAMMES_OF, { l: locality.id }, coordinator.token)).programmes.nodes;
    expect(page.url()).toBe(`${api.url}/manage/programmes/${programmeId}?done=created`);
    await expect(banner(page)).resolves.toContain('Programme created');
    const summary = (await page.locator('.govuk-summary-list').textContent())!;
    expect(summary).toMatch(/Status\s*Draft/);
    expect(summary).toMatch(/Starts\s*1 April 2027/);
    expect(summary).toContain('at least 66.7 % of the bodies support');
    expect(summary).toContain('24 months');
    // The hub links to the programme's other pages.
    for (const name of ['Leadership', 'Roles', 'Improvement', 'Briefings']) await expect(page.getByRole('link', { name, exact: true }).count()).resolves.toBe(1);
    await checkPage(page);

    await page.getByLabel('Active').check();
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(banner(page)).resolves.toContain('Status changed');
    await page.getByRole('button', { name: 'Add the body' }).click();
    await expect(summaryOf(page)).resolves.toContain('Select a member body of the locality not yet taking part');
    await checkPage(page);
    await page.getByLabel('Add a body').selectOption({ label: 'County Durham Fire' });
    await page.getByRole('button', { name: 'Add the body' }).click();
    await expect(banner(page)).resolves.toContain('Body added to the programme');
    await page.getByRole('button', { name: 'Remove Durham Constabulary' }).click();
    await expect(banner(page)).resolves.toContain('Body removed from the programme');
    await page.getByLabel('Add a body').selectOption({ label: 'Durham Constabulary' });
    await page.getByRole('button', { name: 'Add the body' }).click();
    const now = await programmeNow();
    expect(now.status).toBe('ACTIVE');
    expect(now.participants.map((p: { name: string }) => p.name).sort()).toEqual(['County Durham Fire', 'Durham Constabulary', 'Durham County Council']);

    await page.goto(`${api.url}/manage/localities/${locality.id}/programmes`);
    await expect(page.locator('table').textContent()).resolves.toMatch(/Warm Homes\s*Active\s*No agreed leader/);
    await page.context().close();
  }, 90_000);

  it('nominates a leader and shows the tally growing until the leader is agreed, then re-confirms and records a step-down', async () => {
    const page = await signIn(coordinator);
    await page.goto(`${api.url}/manage/programmes/${programmeId}`);
    await page.getByRole('link', { name: 'Leadership', exact: true }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Warm Homes has no agreed leader.');
    await checkPage(page);
    await sendShowingErrors(page, 'Nominate', 'Select a person of a body taking part');
    await page.getByLabel('Nominate a leader').selectOption({ label: 'Dana Lead, Director (Durham County Council)' });
    await page.getByRole('button', { name: 'Nominate' }).click();
    await expect(banner(page)).resolves.toContain('Leader nominated');
    const support = () => page.locator('.govuk-summary-list').nth(0).textContent();
    await expect(support()).resolves.toContain('0 of 3 support; needs 2 (at least 66.7 % of the bodies support)');
    await expect(page.locator('[data-positions]').textContent()).resolves.toMatch(/County Durham Fire\s*Waiting/);
    await checkPage(page);

    const nominationId = (await api.ok(`query($id: ID!) { programme(id: $id) { openNomination { id } } }`, { id: programmeId }, coordinator.token)).programme.openNomination.id;
    const endorse = (i: number, position: string, comment?: string) =>
      api.ok(ENDORSE, { input: { nominationId, organisationId: bodies[i].id, position, comment } }, reps[i].token);
    await endorse(2, 'OPPOSE', 'An open selection first');
    await endorse(0, 'SUPPORT');
    await page.reload();
    await expect(support()).resolves.toContain('1 of 3 support; needs 2');
    await expect(page.locator('[data-positions]').textContent()).resolves.toMatch(/County Durham Fire\s*Opposes\s*An open selection first[\s\S]*Durham Constabulary\s*Waiting[\s\S]*Durham County Council\s*Supports/);
    await endorse(1, 'SUPPORT');
    await page.reload();
    await expect(page.locator('.govuk-summary-list').nth(0).textContent()).resolves.toMatch(/Leader\s*Dana Lead, Director \(Durham County Council\)/);
    await expect(page.locator('main').textContent()).resolves.toContain('No nomination is open.');
    expect((await programmeNow()).leader.person.fullName).toBe('Dana Lead');
    await checkPage(page);

    await page.getByRole('button', { name: 'Open re-confirmation' }).click();
    await expect(banner(page)).resolves.toContain('Re-confirmation opened');
    await expect(page.locator('h2', { hasText: 'Open re-confirmation' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Withdraw the nomination' }).click();
    await expect(banner(page)).resolves.toContain('Nomination withdrawn');
    expect((await programmeNow()).openNomination).toBeNull();
    await page.getByLabel('Why the leader stepped down (optional)').fill('Moved to a national role');
    await page.getByRole('button', { name: 'Record that the leader stepped down' }).click();
    await expect(banner(page)).resolves.toContain('stepping down is recorded');
    await expect(page.locator('main').textContent()).resolves.toContain('Warm Homes has no agreed leader.');
    await page.context().close();
  }, 90_000);

  it('defines a role, assigns it with its fit and what is missing, and vacates it', async () => {
    const page = await signIn(coordinator);
    await page.goto(`${api.url}/manage/programmes/${programmeId}`);
    await page.getByRole('link', { name: 'Roles', exact: true }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('Warm Homes has no roles yet.');
    await checkPage(page);
    await page.getByLabel('Competency 1', { exact: true }).selectOption('Data');
    await sendShowingErrors(page, 'Define the role', 'Enter the role’s title', 'Enter the level competency 1 needs');
    await page.getByLabel('Title').fill('Safeguarding lead');
    await page.getByLabel('Level competency 1 needs').selectOption('4');
    await page.getByLabel('Competency 2', { exact: true }).selectOption('Programme management');
    await page.getByLabel('Level competency 2 needs').selectOption('3');
    await page.getByLabel('Competency 3', { exact: true }).selectOption('Safeguarding');
    await page.getByLabel('Level competency 3 needs').selectOption('3');
    await page.getByRole('button', { name: 'Define the role' }).click();
    await expect(banner(page)).resolves.toContain('Role defined');
    await expect(page.locator('[data-role="Safeguarding lead"]').textContent()).resolves.toMatch(/Data \(level 4\), Programme management \(level 3\), Safeguarding \(level 3\)[\s\S]*Vacant/);

    await page.getByRole('link', { name: 'Safeguarding lead' }).click();
    await checkPage(page);
    // Each person offered with their fit, the best first.
    const offered = await page.getByLabel('Who will hold the role').locator('option').allTextContents();
    expect(offered.slice(0, 2)).toEqual(['Choose a person', 'Sam Carer, Analyst (Durham Constabulary): fit 67 % — missing: Safeguarding (level 3)']);
    expect(offered).toContain('Kit Warden (County Durham Fire): fit 33 % — missing: Data (level 4), Programme management (level 3)');
    await page.getByLabel('Who will hold the role').selectOption({ label: offered[1] });
    await page.getByLabel('Appointed').check();
    await sendShowingErrors(page, 'Assign the role', 'Enter why this person holds the role');
    await expect(page.getByLabel('Who will hold the role').inputValue()).resolves.not.toBe('');
    await page.getByLabel('Why this person').fill('Leads data sharing already');
    await page.getByRole('button', { name: 'Assign the role' }).click();
    await expect(banner(page)).resolves.toContain('Role assigned');
    const role = page.locator('[data-role="Safeguarding lead"]');
    await expect(role.textContent()).resolves.toMatch(/Held by\s*Sam Carer \(Durham Constabulary\)/);
    await expect(role.textContent()).resolves.toMatch(/Fit\s*67 % — missing: Safeguarding \(level 3\)/);
    await expect(role.textContent()).resolves.toMatch(/How they were chosen\s*Appointed: Leads data sharing already/);
    await checkPage(page);

    await sendShowingErrors(page, 'Vacate the role', 'Enter why the holder no longer holds the role');
    expect((await programmeNow()).roles[0].holder).not.toBeNull();
    await page.getByLabel('Why Sam Carer no longer holds the role').fill('Moved to another team');
    await page.getByRole('button', { name: 'Vacate the role' }).click();
    await expect(banner(page)).resolves.toContain('Role vacated');
    await expect(role.textContent()).resolves.toContain(`Vacant since ${dayOfToday()}`);
    expect((await programmeNow()).roles).toEqual([{ title: 'Safeguarding lead', holder: null }]);
    await page.context().close();
  }, 90_000);

  it('shows reviewers and member representatives no forms; their POSTs are refused by the API, and a POST without the CSRF token changes nothing', async () => {
    const before = await programmeNow();
    const roleId = (await api.ok(`query($id: ID!) { programme(id: $id) { roles { id } } }`, { id: programmeId }, coordinator.token)).programme.roles[0].id;
    for (const [user, refusal] of [
      [reviewer, /Only coordinators and tenant administrators can/],
      [reps[0], /Only coordinators and tenant administrators can/],
    ] as const) {
      const page = await signIn(user);
      await page.goto(`${api.url}/manage/programmes/${programmeId}`);
      await expect(page.locator('h1').textContent()).resolves.toBe('Warm Homes');
      await expect(page.locator('main form').count()).resolves.toBe(0);
      await checkPage(page);
      await page.goto(`${api.url}/manage/programmes/${programmeId}/roles/${roleId}`);
      await expect(page.locator('main form').count()).resolves.toBe(0);
      // This session's token, from the sign-out form on its home page.
      await page.goto(`${api.url}/home`);
      const _csrf = await page.locator('input[name=_csrf]').first().inputValue();
      const posts: [string, Record<string, string>][] = [
        [`/manage/programmes/${programmeId}/status`, { _csrf, status: 'CLOSED' }],
        [`/manage/programmes/${programmeId}/participants/remove`, { _csrf, organisationId: bodies[2].id }],
        [`/manage/programmes/${programmeId}/roles`, { _csrf, title: 'Shadow lead' }],
        [`/manage/programmes/${programmeId}/roles/${roleId}/retire`, { _csrf }],
      ];
      for (const [path, form] of posts) {
        const response = await page.context().request.post(`${api.url}${path}`, { form, maxRedirects: 0 });
        expect([path, response.status()]).toEqual([path, 403]);
        expect(await response.text()).toMatch(refusal);
      }
      await page.context().close();
    }

    const page = await signIn(coordinator);
    const forged = await page.context().request.post(`${api.url}/manage/programmes/${programmeId}/status`, { form: { status: 'CLOSED' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('This form could not be sent');
    const programmes = await page.context().request.post(`${api.url}/manage/localities/${locality.id}/programmes`, { form: { name: 'No token' }, maxRedirects: 0 });
    expect(programmes.status()).toBe(403);
    await page.context().close();
    expect(await programmeNow()).toEqual(before);
    expect((await api.ok(PROGRAMMES_OF, { l: locality.id }, coordinator.token)).programmes.nodes.map((p: { name: string }) => p.name)).toEqual(['Warm Homes']);
  }, 90_000);

  it('defines a role by keyboard alone, without JavaScript', async () => {
    const page = await signIn(coordinator, { javaScriptEnabled: false });
    await page.goto(`${api.url}/manage/programmes/${programmeId}/roles`);
    await tabTo(page, (el) => el.name === 'title', 80);
    await page.keyboard.type('Data lead');
    await tabTo(page, (el) => el.name === 'competency-1');
    await page.keyboard.press('D');
    await page.keyboard.press('Tab');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await tabTo(page, (el) => el.tag === 'BUTTON', 40);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.url}/manage/programmes/${programmeId}/roles?done=defined`);
    await expect(page.locator('[data-role="Data lead"]').textContent()).resolves.toContain('Data (level 4)');
    await page.context().close();
  }, 60_000);
});
