import { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiHarness, TestUser } from '../support/api-harness';
import { launchChromium } from '../support/chromium';
import { GovernanceProbe, daysAfter } from '../support/governance-probe';
import { ENDORSE } from '../support/registry-factory';
import { screenshot } from '../support/screenshot';
import { checkPage, signInOnPage } from '../support/web-page-checks';
import { SurveyedPartnership, openRound, publishedRound, surveyedPartnership } from '../health-check/health-check-fixture';

const FLAGS = `query($l: ID!) { governanceFlags(localityId: $l, first: 100) { nodes { id barrier ruleCode evidence } } }`;

/**
 * A reviewer's governance health pages in a real Chromium at 320 px: the localities with
 * their health, a locality's scores (radar and table), trend, flags by barrier with their
 * links and its latest health check beside 2007, a programme's health with its own latest
 * health check; charts drawn on the server without breaking the CSP; axe-core on every
 * page; a member representative refused.
 */
describe('governance health web pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let partnership: SurveyedPartnership;
  let reviewer: TestUser;
  let rep: TestUser;
  let programme: { id: string; name: string };
  let nominationId: string;
  let quiet: { id: string; name: string };

  beforeAll(async () => {
    api = await ApiHarness.start({ HEALTH_CHECK_ADDRESS_LIMIT: '100000', TRUST_PROXY: 'loopback' });
    // Readable names: the locality page's picture is in the README.
    partnership = await surveyedPartnership(api, 'web-health', {
      bodies: 3,
      peoplePerBody: 2,
      localityName: 'Gateshead',
      bodyNames: ['Gateshead Council', 'Gateshead Health NHS Trust', 'Gateshead Housing Company'],
      sectors: ['LOCAL_AUTHORITY', 'HEALTH', 'HOUSING'],
    });
    const { tenant, make, localityId, bodies } = partnership;
    reviewer = await api.newUser(tenant, 'REVIEWER');
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[1].id);
    // A real scan 40 days ago, before the records below were made (nothing flagged then)...
    const probe = new GovernanceProbe(api, tenant.id);
    await probe.scan(daysAfter(new Date(), -40));

    // Records the rules flag: an active programme without a conflict process or measures,
    // and a leader nomination one body opposes.
    programme = await make.programme(localityId, bodies.map((b) => b.id), { name: 'Healthy Ageing' });
    nominationId = (await make.nominate(programme.id, bodies[0].people[0])).id;
    await api.ok(ENDORSE, { input: { nominationId, organisationId: bodies[1].id, position: 'OPPOSE' } }, rep.token);

    // A health check of the locality everyone answered (4 of 6 report the first weakness), and
    // one of the programme (3 of 6 report the second), each closed and settled.
    await publishedRound(api, partnership, { title: 'Autumn health check' }, (p, i) => (p === 1 && i < 4 ? 'DISAGREE' : 'AGREE'));
    await publishedRound(api, partnership, { title: 'Healthy Ageing health check', programmeId: programme.id }, (p, i) => (p === 2 && i < 3 ? 'DISAGREE' : 'AGREE'));

    // Another locality, whose open round withholds its figures.
    quiet = await make.locality('Quiet Dales');
    await openRound(api, { ...partnership, localityId: quiet.id }, { title: 'Open health check' });

    // ...and one now: a trend of two months and a change over 30 days.
    await probe.scan(new Date());
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  async function signIn(user: TestUser): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await signInOnPage(page, api.url, partnership.tenant.slug, user);
    return { context, page, cspViolations };
  }

  /** The chart is an inline SVG with a name, no wider than the page, and drawn (not empty). */
  async function expectChart(page: Page, name: string): Promise<void> {
    const svg = page.locator(`[data-chart="${name}"] svg[role="img"]`);
    await expect(svg.getAttribute('aria-label')).resolves.toMatch(/\S/);
    expect(await svg.locator('title').count()).toBe(1);
    const box = (await svg.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(320);
    expect(box.height).toBeGreaterThan(50);
    expect(await svg.locator('path, polyline, polygon').count()).toBeGreaterThan(5);
  }

  /** On a wide screen each chart takes two thirds of the page, not all of it: scaled up, its text would be huge. */
  async function expectChartsInTwoThirds(page: Page, names: string[]): Promise<void> {
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      const main = (await page.locator('main').boundingBox())!;
      for (const name of names) {
        const chart = (await page.locator(`[data-chart="${name}"] svg`).boundingBox())!;
        expect(chart.width).toBeLessThanOrEqual((main.width * 2) / 3);
      }
    } finally {
      await page.setViewportSize(viewport);
    }
  }

  it('takes a reviewer from the localities to a locality’s health, its flags and health check, and a programme’s', async () => {
    const { context, page, cspViolations } = await signIn(reviewer);
    const localityName = (await api.ok(`query($id: ID!) { locality(id: $id) { name } }`, { id: partnership.localityId }, reviewer.token)).locality.name;

    await page.getByRole('link', { name: 'Governance health' }).click();
    await page.waitForURL(`${api.url}/localities`);
    const row = page.locator(`[data-locality="${partnership.localityId}"]`);
    // Health now, lower than 40 days ago (no flags then), and the open flags by severity.
    await expect(row.textContent()).resolves.toMatch(/\d+\s*−\d+\s*\d+ high, \d+ medium, \d+ low/);
    await expect(page.locator(`[data-locality="${quiet.id}"]`).textContent()).resolves.toMatch(/100\s*–\s*0 high, 0 medium, 0 low/);
    await checkPage(page);

    await page.getByRole('link', { name: localityName }).click();
    await page.waitForURL(`${api.url}/localities/${partnership.localityId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Health of ${localityName}`);
    await expectChart(page, 'radar');
    expect(await page.locator('[data-figures="scores"] tbody tr').count()).toBe(7);
    await expectChart(page, 'trend');
    expect(await page.locator('[data-figures="trend"]').count()).toBe(2);

    // Flags grouped by barrier, each linking to its flag page and to the records of its evidence.
    const { nodes: flags } = (await api.ok(FLAGS, { l: partnership.localityId }, reviewer.token)).governanceFlags;
    const barriers = [...new Set(flags.map((f: { barrier: string }) => f.barrier))];
    expect(barriers).toEqual(expect.arrayContaining(['CONFLICT_RESOLUTION', 'CONTINUOUS_IMPROVEMENT', 'LEADERSHIP']));
    expect((await page.locator('[data-barrier]').evaluateAll((els) => els.map((e) => e.getAttribute('data-barrier')))).sort()).toEqual(
      [...barriers].sort(),
    );
    for (const flag of flags) {
      await expect(page.locator(`[data-flag="${flag.id}"] a[href="/flags/${flag.id}"]`).count()).resolves.toBe(1);
    }
    const opposed = flags.find((f: { ruleCode: string }) => f.ruleCode === 'LEADERSHIP_NOMINATION_OPPOSED');
    const evidence = page.locator(`[data-flag="${opposed.id}"] [data-evidence]`);
    expect(await evidence.evaluateAll((els) => els.map((e) => e.getAttribute('href')))).toEqual(
      expect.arrayContaining([
        `/records/programmes/${programme.id}`,
        `/records/organisations/${partnership.bodies[1].id}`,
        `/records/people/${partnership.bodies[0].people[0]}`,
      ]),
    );

    // The latest health check: bars with intervals, the same figures beside 2007, and the gap.
    await expectChart(page, 'survey');
    const results = page.locator('[data-figures="survey"] tbody tr');
    expect(await results.count()).toBe(7);
    await expect(results.first().textContent()).resolves.toMatch(/1\. Flexibility[\s\S]*67 % \(\d+ % to \d+ %\)[\s\S]*4 of 6[\s\S]*47 %/);
    expect(await page.locator('[data-gap]').count()).toBe(7);
    await expect(page.getByRole('link', { name: `Health-check rounds of ${localityName}` }).getAttribute('href')).resolves.toBe(
      `/health-check-rounds/localities/${partnership.localityId}`,
    );
    await checkPage(page);
    await expectChartsInTwoThirds(page, ['radar', 'trend', 'survey']);
    await screenshot(page, 'locality-health');

    // The leader follows the flag's evidence to the record it names, then to the flag itself.
    await evidence.and(page.locator(`[href="/records/programmes/${programme.id}"]`)).click();
    await page.waitForURL(`${api.url}/records/programmes/${programme.id}`);
    await expect(page.locator('h1').textContent()).resolves.toContain(programme.name);
    await checkPage(page);
    await page.goBack();
    // The body the flag names: its record says which localities it is a member of.
    await evidence.and(page.locator(`[href="/records/organisations/${partnership.bodies[1].id}"]`)).click();
    await page.waitForURL(`${api.url}/records/organisations/${partnership.bodies[1].id}`);
    await expect(page.getByRole('heading', { name: 'Member of' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: localityName, exact: true }).getAttribute('href')).resolves.toBe(`/records/localities/${partnership.localityId}`);
    await checkPage(page);
    await page.goBack();
    await page.locator(`[data-flag="${opposed.id}"] a[href="/flags/${opposed.id}"]`).click();
    await page.waitForURL(`${api.url}/flags/${opposed.id}`);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/\S/);
    await page.goBack();

    await page.getByRole('link', { name: programme.name, exact: true }).first().click();
    await page.waitForURL(`${api.url}/programmes/${programme.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Health of ${programme.name}`);
    await expectChart(page, 'radar');
    expect(await page.locator('[data-flag]').count()).toBe(flags.filter((f: { evidence: { programmeId?: string } }) => f.evidence.programmeId === programme.id).length);
    // Its own latest health check, shown as the locality's is: bars, figures beside 2007, the gap.
    await expect(page.locator('main').textContent()).resolves.toContain('Healthy Ageing health check: ');
    await expectChart(page, 'survey');
    const own = page.locator('[data-figures="survey"] tbody tr');
    expect(await own.count()).toBe(7);
    await expect(own.nth(1).textContent()).resolves.toMatch(/2\. Recognition[\s\S]*50 % \(\d+ % to \d+ %\)[\s\S]*3 of 6[\s\S]*35 %/);
    await expect(own.first().textContent()).resolves.toMatch(/1\. Flexibility[\s\S]*0 %[\s\S]*0 of 6/);
    expect(await page.locator('[data-gap]').count()).toBe(7);
    await expect(page.locator('[data-gap="RECOGNITION"]').textContent()).resolves.toMatch(/Recognition\s*50 %\s*\d+ %\s*\d of 1/);
    await checkPage(page);
    await expectChartsInTwoThirds(page, ['radar', 'survey']);

    // A locality whose latest round is open says why its figures are withheld.
    await page.goto(`${api.url}/localities/${quiet.id}`);
    await expect(page.locator('[data-withheld]').textContent()).resolves.toMatch(/\S/);
    expect(await page.locator('[data-chart="survey"]').count()).toBe(0);
    await checkPage(page);

    // The charts are drawn under the CSP: nothing was blocked.
    expect(cspViolations).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the board pack’s print page (the PDF’s source) within 320 px, passing axe-core and the CSP', async () => {
    const { context, page, cspViolations } = await signIn(reviewer);
    await page.goto(`${api.url}/localities/${partnership.localityId}`);
    await expect(page.locator('a[data-board-pack]').getAttribute('href')).resolves.toBe(`/localities/${partnership.localityId}/board-pack.pdf`);
    await page.goto(`${api.url}/localities/${partnership.localityId}/board-pack`);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/: partnership governance$/);
    await expectChart(page, 'radar');
    await expectChart(page, 'trend');
    await expectChart(page, 'survey');
    expect(await page.locator('[data-figures="flags"] tbody tr').count()).toBe(7);
    await checkPage(page);
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('refuses a member representative with the API’s words', async () => {
    const { context, page } = await signIn(rep);
    expect(await page.getByRole('link', { name: 'Governance health' }).count()).toBe(0);
    for (const path of [`/localities/${partnership.localityId}`, '/localities', `/programmes/${programme.id}`]) {
      const response = await page.goto(`${api.url}${path}`);
      expect(response!.status()).toBe(403);
      await expect(page.locator('main').textContent()).resolves.toMatch(/You cannot do this\s*Only coordinators, reviewers and tenant administrators can see /);
    }
    await checkPage(page);
    expect((await page.goto(`${api.url}/localities/not-an-id`))!.status()).toBe(404);
    await context.close();
  });
});
