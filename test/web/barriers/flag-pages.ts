import { Browser, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { GovernanceProbe } from '../../support/governance-probe';
import { ENDORSE, RegistryFactory } from '../../support/registry-factory';
import { screenshot } from '../../support/screenshot';
import { checkPage, tabTo, signInOnPage } from '../../support/web-page-checks';

const FLAG_STATE = `query($id: ID!) { governanceFlag(id: $id) { state dismissalReason } }`;
const SCANS = `query($l: ID!) { governanceScans(localityId: $l, first: 5) { nodes { trigger state locality { id } } } }`;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The flag page and the record pages its evidence links to, over a real scan's flags: a
 * leader follows the evidence; a coordinator acknowledges, dismisses (by keyboard, after an
 * empty reason is refused) and asks for a rescan; a reviewer's forged POST and POSTs
 * without this session's CSRF token change nothing. At 320 px, checked by axe-core.
 */
describe('flag and record pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let outsider: TestUser;
  let locality: { id: string; name: string };
  let programme: { id: string; name: string };
  let bodies: { id: string; name: string }[];
  let people: { id: string }[];
  const flags: Record<string, string> = {};
  /** Records the evidence does not name here, for the record pages' own check. */
  const records: Record<string, string> = {};

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-flags');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const c = coordinator.token;
    const make = new RegistryFactory(api, c);
    // Readable names: the dismissed flag's page is pictured in the README.
    locality = await make.locality('Tyne Valley');
    bodies = await make.members(locality.id, 3, ['Tynedale Council', 'Northumbria Healthcare NHS Trust', 'Hexham Community Partnership']);
    people = [await make.person(bodies[0].id, 'Alex Morgan'), await make.person(bodies[1].id, 'Sam Holder')];
    const opposer = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[1].id);
    outsider = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[2].id);
    programme = await make.programme(locality.id, bodies.slice(0, 2).map((b) => b.id), { name: 'Safer Tyne Valley' });

    // LEADERSHIP_NOMINATION_OPPOSED: a nomination the second body opposes.
    const nomination = await make.nominate(programme.id, people[0].id);
    await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: bodies[1].id, position: 'OPPOSE' } }, opposer.token);
    // CONFLICT_NO_PROCESS: a process drafted, never agreed.
    await api.ok(`mutation($input: SetConflictProcessInput!) { setConflictProcess(input: $input) { id } }`, {
      input: { programmeId: programme.id, stages: [{ name: 'Talk it through', owner: 'Programme coordinator', timeLimitDays: 10 }] },
    }, c);
    // CONFLICT_UNACKNOWLEDGED, flagged at once: a conflict nobody has acknowledged.
    await api.ok(`mutation { updateGovernanceRule(input: { code: "CONFLICT_UNACKNOWLEDGED", thresholds: [{ name: "days", value: 0 }] }) { code } }`, {}, tenant.adminToken);
    await api.ok(`mutation($input: RaiseConflictInput!) { raiseConflict(input: $input) { id } }`, {
      input: { localityId: locality.id, programmeId: programme.id, raisedByOrganisationId: bodies[0].id, partyIds: [bodies[1].id], category: 'RESOURCES', severity: 'HIGH', title: 'Who pays for the outreach van', description: 'The van budget was never agreed.' },
    }, c);
    // ROLE_NO_SELECTION_RATIONALE: a role held by default, not by the best person chosen for it.
    const role = (await api.ok(`mutation($input: DefineRoleInput!) { defineRole(input: $input) { id } }`, { input: { programmeId: programme.id, title: 'Data lead' } }, c)).defineRole;
    await api.ok(`mutation($input: AssignRoleInput!) { assignRole(input: $input) { id } }`, { input: { roleId: role.id, personId: people[1].id, selectionMethod: 'DEFAULTED', rationale: 'Nobody else came forward.' } }, c);

    const probe = new GovernanceProbe(api, tenant.id);
    await probe.scan(new Date(), locality.id);
    for (const rule of ['LEADERSHIP_NOMINATION_OPPOSED', 'CONFLICT_NO_PROCESS', 'CONFLICT_UNACKNOWLEDGED', 'ROLE_NO_SELECTION_RATIONALE']) {
      const [flag] = await probe.flags(rule);
      expect([rule, flag?.id]).toEqual([rule, expect.any(String)]);
      flags[rule] = flag.id;
    }

    // Records of the other kinds, for their pages.
    records.briefings = (await api.ok(`mutation($p: ID!) { issueBriefing(input: { programmeId: $p, title: "Summer patrol plan agreed", summary: "What the partnership agreed." }) { id } }`, { p: programme.id }, c)).issueBriefing.id;
    records['alignment-requests'] = (await api.ok(`mutation($input: RequestAlignmentInput!) { requestAlignment(input: $input) { id } }`, {
      input: { programmeId: programme.id, requestingOrganisationId: bodies[0].id, targetOrganisationId: bodies[1].id, kind: 'DATA_SHARING', title: 'Share referral data weekly', description: 'Weekly counts.', responseDueOn: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10) },
    }, c)).requestAlignment.id;
    const milestone = (await api.ok(`mutation($input: CreateMilestoneInput!) { createMilestone(input: $input) { id } }`, {
      input: { programmeId: programme.id, name: 'First joint patrol', dueOn: today(), achievedOn: today(), contributorIds: [bodies[0].id] },
    }, c)).createMilestone;
    records.milestones = milestone.id;
    records.recognitions = (await api.ok(`mutation($input: RecordRecognitionInput!) { recordRecognition(input: $input) { id } }`, {
      input: { programmeId: programme.id, milestoneId: milestone.id, creditedOrganisationId: bodies[0].id, givenByOrganisationId: bodies[1].id, reason: 'Ran the first joint patrol.', visibleIn: ['OWN_ORGANISATION'] },
    }, c)).recordRecognition.id;
    records['improvement-reviews'] = (await api.ok(`query($id: ID!) { programme(id: $id) { nextReview { id } } }`, { id: programme.id }, c)).programme.nextReview.id;
    records.localities = locality.id;
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signIn(user: TestUser): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, user);
    return page;
  }

  const stateOf = async (flagId: string) => (await api.ok(FLAG_STATE, { id: flagId }, coordinator.token)).governanceFlag;
  const main = async (page: Page) => (await page.locator('main').textContent())!.replace(/\s+/g, ' ');

  it('shows a leader each flag, and the record behind every evidence link', async () => {
    const page = await signIn(reviewer);
    const checked = new Set<string>();
    const expected: Record<string, string[]> = {
      LEADERSHIP_NOMINATION_OPPOSED: [programme.name, bodies[1].name, 'Alex Morgan'],
      CONFLICT_NO_PROCESS: [programme.name, 'Talk it through'],
      CONFLICT_UNACKNOWLEDGED: ['Who pays for the outreach van'],
      ROLE_NO_SELECTION_RATIONALE: ['Data lead', 'Sam Holder'],
    };
    for (const [rule, texts] of Object.entries(expected)) {
      await page.goto(`${api.url}/flags/${flags[rule]}`);
      const text = await main(page);
      expect(text).toContain(rule);
      expect(text).toContain('Raised by a scan');
      expect(await page.locator(`a[href="/localities/${locality.id}"]`).count()).toBeGreaterThan(0);
      expect(await page.locator('form').count()).toBe(0); // a reviewer may not work flags
      if (!checked.has('flag')) await checkPage(page);
      checked.add('flag');

      const links = await page.locator('[data-evidence] a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent! })));
      expect(links.length).toBe(texts.length);
      const seen: string[] = [];
      for (const link of links) {
        expect(link.href).toMatch(/^\/records\/[a-z-]+\/[0-9a-f-]{36}$/);
        await page.getByRole('link', { name: link.text, exact: true }).click();
        await page.waitForURL(`${api.url}${link.href}`);
        seen.push(await main(page));
        const kind = link.href.split('/')[2];
        if (!checked.has(kind)) await checkPage(page);
        checked.add(kind);
        await page.goBack();
      }
      for (const t of texts) expect([rule, seen.some((s) => s.includes(t))]).toEqual([rule, true]);
    }
    expect([...checked].sort()).toEqual(['conflict-processes', 'conflicts', 'flag', 'organisations', 'people', 'programme-roles', 'programmes']);

    // The record kinds these flags do not name.
    const shows: Record<string, string> = {
      briefings: 'Summer patrol plan agreed',
      'alignment-requests': 'Share referral data weekly',
      milestones: 'First joint patrol',
      recognitions: 'Ran the first joint patrol.',
      'improvement-reviews': programme.name,
      localities: 'Tyne Valley',
    };
    for (const [kind, text] of Object.entries(shows)) {
      const response = await page.goto(`${api.url}/records/${kind}/${records[kind]}`);
      expect([kind, response!.status()]).toEqual([kind, 200]);
      expect(await main(page)).toContain(text);
      await checkPage(page);
    }

    // Unknown records and kinds: a 404 page with the API's words.
    const missing = await page.goto(`${api.url}/records/conflicts/00000000-0000-4000-8000-000000000000`);
    expect(missing!.status()).toBe(404);
    expect(await main(page)).toMatch(/conflict/i);
    expect((await page.goto(`${api.url}/records/users/${reviewer.id}`))!.status()).toBe(404);
    expect((await page.goto(`${api.url}/flags/not-an-id`))!.status()).toBe(404);
    await page.context().close();
  }, 120_000);

  it('withholds a conflict’s details from a body not involved, as the API does', async () => {
    const page = await signIn(outsider);
    const conflictId = (await api.ok(`query($l: ID!) { conflicts(localityId: $l, first: 5) { nodes { id } } }`, { l: locality.id }, coordinator.token)).conflicts.nodes[0].id;
    await page.goto(`${api.url}/records/conflicts/${conflictId}`);
    const text = await main(page);
    expect(text).toContain('A conflict');
    expect(text).not.toContain('Who pays for the outreach van');
    expect(await page.locator('[data-withheld]').count()).toBe(1);
    // Flags are not theirs to read: refused in the API's words.
    const refused = await page.goto(`${api.url}/flags/${flags.CONFLICT_UNACKNOWLEDGED}`);
    expect(refused!.status()).toBe(403);
    await page.context().close();
  }, 60_000);

  it('lets a coordinator acknowledge, dismiss with a reason (by keyboard) and ask for a rescan', async () => {
    const page = await signIn(coordinator);
    const flagId = flags.LEADERSHIP_NOMINATION_OPPOSED;
    await page.goto(`${api.url}/flags/${flagId}`);
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.waitForURL(`${api.url}/flags/${flagId}?done=acknowledged`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Flag acknowledged');
    expect((await stateOf(flagId)).state).toBe('ACKNOWLEDGED');
    await checkPage(page);

    // An empty reason: the error summary says how to fix it, and nothing is sent.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter why this flag is not a problem');
    expect((await stateOf(flagId)).state).toBe('ACKNOWLEDGED');
    await checkPage(page);

    // By keyboard alone.
    await page.goto(`${api.url}/flags/${flagId}`);
    await tabTo(page, (el) => el.name === 'reason', 60);
    await page.keyboard.type('Agreed at the board: the body will abstain instead.');
    await tabTo(page, (el) => el.tag === 'BUTTON' && el.name === '', 5);
    await expect(page.evaluate('document.activeElement.textContent.trim()')).resolves.toBe('Dismiss');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.url}/flags/${flagId}?done=dismissed`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Flag dismissed');
    expect(await stateOf(flagId)).toEqual({ state: 'DISMISSED', dismissalReason: 'Agreed at the board: the body will abstain instead.' });
    const history = (await page.locator('[data-history]').textContent())!.replace(/\s+/g, ' ');
    expect(history).toMatch(/Raised by a scan.*Acknowledged by you.*Dismissed by you, because: Agreed at the board: the body will abstain instead\./);
    expect(await page.getByRole('button', { name: 'Dismiss' }).count()).toBe(0);
    await checkPage(page);
    await screenshot(page, 'flag');

    await page.getByRole('button', { name: 'Request a rescan' }).click();
    await page.waitForURL(`${api.url}/flags/${flagId}?done=rescan`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Rescan requested');
    const scans = (await api.ok(SCANS, { l: locality.id }, coordinator.token)).governanceScans.nodes;
    expect(scans).toContainEqual(expect.objectContaining({ trigger: 'REQUEST', locality: { id: locality.id } }));
    await page.context().close();
  }, 60_000);

  it('refuses a reviewer’s forged POST in the API’s words, and POSTs without this session’s CSRF token, changing nothing', async () => {
    const flagId = flags.CONFLICT_UNACKNOWLEDGED;
    const reviewerPage = await signIn(reviewer);
    const reviewerToken = await reviewerPage.locator('input[name=_csrf]').first().inputValue();
    const forged = await reviewerPage.context().request.post(`${api.url}/flags/${flagId}/dismiss`, { form: { _csrf: reviewerToken, reason: 'Not a problem' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toMatch(/Only .*coordinators/);
    const rescan = await reviewerPage.context().request.post(`${api.url}/flags/${flagId}/rescan`, { form: { _csrf: reviewerToken, localityId: locality.id }, maxRedirects: 0 });
    expect(rescan.status()).toBe(403);

    const page = await signIn(coordinator);
    const forms: Record<string, string>[] = [{ reason: 'No token' }, { _csrf: reviewerToken, reason: 'Another session’s token' }];
    for (const form of forms) {
      const response = await page.context().request.post(`${api.url}/flags/${flagId}/dismiss`, { form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form could not be sent');
    }
    const acknowledge = await page.context().request.post(`${api.url}/flags/${flagId}/acknowledge`, { form: {}, maxRedirects: 0 });
    expect(acknowledge.status()).toBe(403);
    expect(await stateOf(flagId)).toEqual({ state: 'OPEN', dismissalReason: null });
    await reviewerPage.context().close();
    await page.context().close();
  }, 60_000);
});
