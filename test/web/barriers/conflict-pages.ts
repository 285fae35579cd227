import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { checkPage, signInOnPage, tabTo } from '../../support/web-page-checks';

const RAISE = `mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`;
const MOVE = (name: string) => `mutation($id: ID!) { ${name}(input: { conflictId: $id }) { id } }`;

/**
 * The coordinators' conflict pages: a coordinator sets a three-stage process and agrees it,
 * finds conflicts in the log (filtered, overdue marked), moves one through two stages and
 * resolves it; a member body that is not involved sees that conflicts exist and nothing of
 * them; a reviewer's and a member representative's forged POSTs, and POSTs without this
 * session's CSRF token, change nothing. At 320 px, checked by axe-core.
 */
describe('conflict process, conflict log and conflict pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let bystander: TestUser;
  let locality: { id: string; name: string };
  let programme: { id: string; name: string };
  let bodies: { id: string; name: string }[];
  /** van: moved through the process and resolved; data: left open; late: in resolution and overdue. */
  const conflicts: Record<'van' | 'data' | 'late', string> = { van: '', data: '', late: '' };

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-conflicts');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const make = new RegistryFactory(api, coordinator.token);
    locality = await make.locality('Tyne Valley');
    bodies = await make.members(locality.id, 4, ['Tynedale Council', 'Northumbria Healthcare NHS Trust', 'Hexham Community Partnership', 'Northumbria Police']);
    bystander = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[3].id);
    programme = await make.programme(locality.id, [bodies[0].id, bodies[1].id], { name: 'Safer Tyne Valley' });
    const raise = async (title: string, party: number, severity: string) =>
      (await api.ok(RAISE, {
        input: { localityId: locality.id, raisedByOrganisationId: bodies[0].id, partyIds: [bodies[party].id], category: 'RESOURCES', severity, title, description: `${title}: the budget was never agreed.` },
      }, coordinator.token)).raiseConflict.id as string;
    conflicts.late = await raise('Late night patrol staffing', 2, 'MEDIUM');
    conflicts.data = await raise('Sharing referral data', 2, 'LOW');
    conflicts.van = await raise('Who pays for the outreach van', 1, 'HIGH');
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signIn(user: TestUser): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, user);
    return { context, page };
  }

  const main = async (page: Page) => (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
  const summary = async (page: Page) => (await page.locator('.govuk-error-summary').textContent())!.replace(/\s+/g, ' ');
  const processPath = () => `/manage/localities/${locality.id}/conflict-process`;
  const logPath = () => `/manage/localities/${locality.id}/conflicts`;
  const conflictNow = async (id: string) =>
    (await api.owner.query(`select status, current_stage as stage, outcome from conflict where id = $1`, [id]))[0] as { status: string; stage: number | null; outcome: string | null };
  const versions = async () =>
    (await api.owner.query(
      `select count(*)::int as n, count(v.agreed_on)::int as agreed from conflict_process_version v join conflict_process p on p.id = v.process_id where p.locality_id = $1`,
      [locality.id],
    ))[0] as { n: number; agreed: number };

  it('lets a coordinator set a three-stage process, with errors per row, and agree it', async () => {
    const { context, page } = await signIn(coordinator);
    await page.goto(`${api.url}${processPath()}`);
    expect(await main(page)).toContain('No version has been agreed yet');

    // A row begun and not finished: named in the summary and beside its field; what was typed stays.
    await page.locator('#stage-1-name').fill('Discussion between the leads');
    await page.locator('#stage-2-days').fill('400');
    await page.getByRole('button', { name: 'Save the stages' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await summary(page)).toContain('Enter who owns stage 1, for example Partnership coordinator');
    expect(await summary(page)).toContain('Enter the name of stage 2');
    expect(await summary(page)).toContain('Enter the days stage 2 may take as a whole number from 1 to 365');
    await expect(page.locator('#stage-1-name').inputValue()).resolves.toBe('Discussion between the leads');
    await checkPage(page);
    expect(await versions()).toEqual({ n: 0, agreed: 0 });

    const stages = [
      ['Discussion between the leads', 'Programme leads', '7'],
      ['Mediation by the partnership coordinator', 'Partnership coordinator', '14'],
      ['Partnership board', 'Chair of the partnership board', '28'],
    ];
    for (const [i, [name, owner, days]] of stages.entries()) {
      await page.locator(`#stage-${i + 1}-name`).fill(name);
      await page.locator(`#stage-${i + 1}-owner`).fill(owner);
      await page.locator(`#stage-${i + 1}-days`).fill(days);
    }
    await page.getByRole('button', { name: 'Save the stages' }).click();
    await page.waitForURL(`${api.url}${processPath()}?done=set`);
    const drafted = await main(page);
    expect(drafted).toContain('Draft version 1, waiting to be agreed');
    expect(drafted).toContain('Mediation by the partnership coordinator, owned by Partnership coordinator: 14 days');

    // A day in the future is the API's to refuse: shown beside the date, nothing agreed.
    await page.locator('#agreedOn-day').fill('1');
    await page.locator('#agreedOn-month').fill('1');
    await page.locator('#agreedOn-year').fill(String(new Date().getUTCFullYear() + 1));
    await page.getByRole('button', { name: 'Agree this version' }).click();
    expect(await summary(page)).toContain('must not be in the future');
    expect(await versions()).toEqual({ n: 1, agreed: 0 });

    await page.locator('#agreedOn-year').fill('');
    await page.locator('#agreedOn-month').fill('');
    await page.locator('#agreedOn-day').fill('');
    await page.getByRole('button', { name: 'Agree this version' }).click();
    await page.waitForURL(`${api.url}${processPath()}?done=agreed`);
    const agreed = await main(page);
    expect(agreed).toMatch(/Version 1, agreed by the partnership on \d+ \w+ \d{4}; recorded by you on/);
    expect(agreed).toContain('Partnership board, owned by Chair of the partnership board: 28 days');
    expect(agreed).not.toContain('waiting to be agreed');
    await checkPage(page);
    expect(await versions()).toEqual({ n: 1, agreed: 1 });

    // The programme has none of its own: it follows its locality's.
    await page.goto(`${api.url}/manage/programmes/${programme.id}/conflict-process`);
    expect(await main(page)).toContain('its conflicts follow version 1 of Tyne Valley’s process');
    await checkPage(page);
    await context.close();
  }, 120_000);

  it('shows the log with due days, overdue marked and filters, and moves a conflict to its resolution', async () => {
    // The late conflict enters stage 1, whose due day then passes.
    await api.ok(MOVE('acknowledgeConflict'), { id: conflicts.late }, coordinator.token);
    await api.ok(MOVE('startConflictResolution'), { id: conflicts.late }, coordinator.token);
    await api.owner.query(`update conflict set stage_started_on = current_date - 10, stage_due_on = current_date - 3 where id = $1`, [conflicts.late]);

    const { context, page } = await signIn(coordinator);
    await page.goto(`${api.url}${logPath()}`);
    const log = await main(page);
    expect(log.indexOf('Who pays for the outreach van')).toBeLessThan(log.indexOf('Late night patrol staffing'));
    expect(log).toContain('Stage 1: Discussion between the leads');
    expect(await page.locator('.govuk-tag--red').count()).toBe(1);
    const late = page.locator('h2', { hasText: 'Late night patrol staffing' });
    await expect(late.locator('xpath=following-sibling::p[1]').textContent()).resolves.toContain('Overdue');
    await checkPage(page);

    // Filters: a GET form, kept in the address.
    await page.getByText('Filter the conflicts').click();
    await page.getByLabel('In resolution').check();
    await page.getByRole('button', { name: 'Show these conflicts' }).click();
    await page.waitForURL(`${api.url}${logPath()}?status=IN_RESOLUTION`);
    expect(await page.locator('main h2 a').allTextContents()).toEqual(['Late night patrol staffing']);
    await page.goto(`${api.url}${logPath()}?severity=LOW&category=RESOURCES`);
    expect(await page.locator('main h2 a').allTextContents()).toEqual(['Sharing referral data']);
    await page.goto(`${api.url}${logPath()}?stage=2`);
    expect(await main(page)).toContain('No conflicts match these filters.');

    // The coordinator works a conflict from the log.
    await page.goto(`${api.url}${logPath()}`);
    await page.getByRole('link', { name: 'Who pays for the outreach van' }).click();
    await page.waitForURL(`${api.url}/manage/conflicts/${conflicts.van}`);
    expect(await page.getByRole('radio').evaluateAll((rs) => rs.map((r) => r.getAttribute('value')))).toEqual(['ACKNOWLEDGE', 'COMMENT']);
    await checkPage(page);
    await page.getByRole('button', { name: 'Record it' }).click();
    expect(await summary(page)).toContain('Select what you do about the conflict');
    await checkPage(page);
    expect((await conflictNow(conflicts.van)).status).toBe('OPEN');

    const act = async (label: string, note: string, done: string) => {
      await page.getByLabel(label).check();
      await page.getByLabel('Outcome, reason, comment or note').fill(note);
      await page.getByRole('button', { name: 'Record it' }).click();
      await page.waitForURL(`${api.url}/manage/conflicts/${conflicts.van}?done=${done}`);
    };
    await act('Acknowledge it', '', 'acknowledged');
    await act('Start its resolution process', 'The leads meet on Tuesday', 'started');
    await act('Escalate it to the next stage', 'No agreement between the leads', 'escalated');
    const moved = await main(page);
    expect(moved).toContain('In resolution, stage 2: Mediation by the partnership coordinator');
    expect(moved).toMatch(/Resolution started by you: stage 1, due \d+ \w+ \d{4}/);
    expect(moved).toMatch(/Escalated by you: stage 2, due \d+ \w+ \d{4}/);
    expect(moved).toContain('No agreement between the leads');
    expect(await conflictNow(conflicts.van)).toMatchObject({ status: 'IN_RESOLUTION', stage: 2 });
    await page.goto(`${api.url}${logPath()}?stage=2`);
    expect(await page.locator('main h2 a').allTextContents()).toEqual(['Who pays for the outreach van']);

    // Resolving needs the outcome; by keyboard.
    await page.goto(`${api.url}/manage/conflicts/${conflicts.van}`);
    await page.getByLabel('Resolve it: record the outcome').check();
    await page.getByRole('button', { name: 'Record it' }).click();
    expect(await summary(page)).toContain('Enter how the conflict was resolved');
    await expect(page.getByLabel('Resolve it: record the outcome').isChecked()).resolves.toBe(true);
    expect((await conflictNow(conflicts.van)).status).toBe('IN_RESOLUTION');
    await tabTo(page, (el) => el.name === 'note');
    await page.keyboard.type('The council pays this year, the trust next year.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.url}/manage/conflicts/${conflicts.van}?done=resolved`);
    expect(await main(page)).toContain('Outcome The council pays this year, the trust next year.');
    expect(await page.locator('form[method=post]').count()).toBe(0);
    await checkPage(page);
    expect(await conflictNow(conflicts.van)).toEqual({ status: 'RESOLVED', stage: 2, outcome: 'The council pays this year, the trust next year.' });
    await context.close();
  }, 120_000);

  it('shows a member body that is not involved that conflicts exist, and nothing of them', async () => {
    const { context, page } = await signIn(bystander);
    await page.goto(`${api.url}${logPath()}`);
    const log = await main(page);
    expect(await page.locator('main h2 a').allTextContents()).toEqual(['A conflict', 'A conflict', 'A conflict']);
    for (const secret of ['outreach van', 'referral data', 'patrol staffing', 'Tynedale Council', 'Hexham Community Partnership']) expect(log).not.toContain(secret);
    expect(log).toContain('Shown only to the bodies involved');
    await checkPage(page);
    await page.goto(`${api.url}/manage/conflicts/${conflicts.data}`);
    const one = await main(page);
    expect(one).toContain('are shown only to the bodies involved');
    for (const secret of ['referral data', 'budget was never agreed', 'Tynedale Council', 'Hexham']) expect(one).not.toContain(secret);
    expect(await page.locator('form[method=post]').count()).toBe(0);
    await checkPage(page);
    await context.close();
  }, 60_000);

  it("refuses a reviewer's and a member representative's forged POSTs, and POSTs without the CSRF token, changing nothing", async () => {
    const before = { data: await conflictNow(conflicts.data), versions: await versions() };
    const stages = { 'stage-1-name': 'Forged', 'stage-1-owner': 'Nobody', 'stage-1-days': '1' };
    for (const user of [reviewer, bystander]) {
      const { context, page } = await signIn(user);
      await page.goto(`${api.url}/manage/conflicts/${conflicts.data}`);
      expect(await page.locator('form[method=post]').count()).toBe(0);
      await page.goto(`${api.url}${processPath()}`);
      expect(await page.locator('form[method=post]').count()).toBe(0);
      // Their pages show no form: take this session's token from the sign-out form on /home.
      await page.goto(`${api.url}/home`);
      const csrf = await page.locator('input[name=_csrf]').first().inputValue();
      const post = (path: string, form: Record<string, string>) => context.request.post(`${api.url}${path}`, { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
      const resolve = await post(`/manage/conflicts/${conflicts.data}`, { action: 'RESOLVE', note: 'Forged' });
      expect(resolve.status()).toBe(403);
      expect(await resolve.text()).toContain('Only coordinators and tenant administrators can');
      const set = await post(processPath(), stages);
      expect(set.status()).toBe(403);
      expect((await post(`${processPath()}/agree`, {})).status()).toBe(403);
      await context.close();
    }
    const { context, page } = await signIn(coordinator);
    await page.goto(`${api.url}/manage/conflicts/${conflicts.data}`);
    for (const form of [{}, { _csrf: 'not-this-sessions-token' }] as Record<string, string>[]) {
      const response = await context.request.post(`${api.url}/manage/conflicts/${conflicts.data}`, { form: { ...form, action: 'ACKNOWLEDGE', note: '' }, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form could not be sent');
      expect((await context.request.post(`${api.url}${processPath()}`, { form: { ...form, ...stages }, maxRedirects: 0 })).status()).toBe(403);
    }
    const unknown = await page.goto(`${api.url}/manage/conflicts/00000000-0000-4000-8000-000000000000`);
    expect(unknown!.status()).toBe(404);
    await checkPage(page);
    expect({ data: await conflictNow(conflicts.data), versions: await versions() }).toEqual(before);
    await context.close();
  }, 120_000);
});
