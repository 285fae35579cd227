import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ApiHarness, TestTenant, TestUser, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { RegistryFactory } from '../../support/registry-factory';
import { checkPage, signInOnPage, tabTo } from '../../support/web-page-checks';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const longDay = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A programme's improvement pages, as a coordinator uses them: two measures added (one
 * changed), the due review completed with a value for each (one left out first: the error is
 * beside that measure and nothing is sent) and an action, which is then marked done.
 * Reviewers and member representatives see no forms the API would refuse them, their direct
 * POSTs are refused, and a POST without this session's CSRF token changes nothing. At 320 px,
 * checked by axe-core.
 */
describe('improvement pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let rep: TestUser;
  let programme: { id: string; name: string };
  let owner: { id: string; name: string };
  let here: string;
  /** Another programme of the locality, closed in the test of refusals. */
  let closed: { id: string };

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-improvement');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const make = new RegistryFactory(api, coordinator.token);
    const locality = await make.locality('Wear Valley');
    const [council, trust] = await make.members(locality.id, 2, ['Durham County Council', 'County Durham NHS Trust']);
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', council.id);
    programme = await make.programme(locality.id, [council.id, trust.id], { name: 'Falls Prevention', reviewCadenceDays: 90 });
    owner = { id: (await make.person(trust.id, 'Ada Owner')).id, name: trust.name };
    closed = await make.programme(locality.id, [council.id], { name: 'Winter Resilience' });
    here = `${api.url}/manage/programmes/${programme.id}/improvement`;
    browser = await sharedBrowser.join();
  }, 180_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  async function signedIn(user: TestUser, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, user);
    return { context, page };
  }

  /** Everything the improvement tables hold for the programme. */
  const stored = async () => ({
    measures: await api.owner.query(`select name, target, retired_on from improvement_measure where programme_id = $1 order by name`, [programme.id]),
    reviews: await api.owner.query(`select status, findings from improvement_review where programme_id = $1 order by scheduled_at`, [programme.id]),
    values: await api.owner.query(`select value from improvement_measure_value where programme_id = $1 order by value`, [programme.id]),
    actions: await api.owner.query(`select description, status, note from improvement_action where programme_id = $1`, [programme.id]),
  });

  const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();

  async function sendEmpty(page: Page, button: string, ...messages: string[]): Promise<void> {
    await page.getByRole('button', { name: button }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = (await page.locator('.govuk-error-summary').textContent())!;
    for (const message of messages) expect(summary).toContain(message);
    await checkPage(page);
  }

  async function fillDay(within: Page | Locator, group: string, iso: string): Promise<void> {
    const [year, month, dayOfMonth] = iso.split('-');
    const fieldset = within.getByRole('group', { name: group, exact: true });
    await fieldset.getByLabel('Day').fill(dayOfMonth);
    await fieldset.getByLabel('Month').fill(month);
    await fieldset.getByLabel('Year').fill(year);
  }

  it('a coordinator adds two measures, completes the due review with a value for each and an action, then marks it done', async () => {
    let { context, page } = await signedIn(coordinator);
    await page.goto(here);
    await expect(page.locator('h1').textContent()).resolves.toBe('Improvement');
    await expect(page.locator('[data-due-review]').textContent()).resolves.toContain(`due on ${longDay(day(90))}`);
    await checkPage(page);

    // Adding a measure: empty first, then two measures.
    await page.getByRole('button', { name: 'Add a measure' }).click();
    await checkPage(page);
    await sendEmpty(page, 'Add the measure', 'Enter the measure’s name', 'Enter the unit it is counted in', 'Enter the target', 'Select whether higher or lower is better');
    expect((await stored()).measures).toEqual([]);
    const fillMeasure = async (name: string, unit: string, target: string, direction: string, baseline = '') => {
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Unit').fill(unit);
      await page.getByLabel('Baseline (optional)').fill(baseline);
      await page.getByLabel('Target').fill(target);
      await page.getByLabel(direction).check();
      await page.getByRole('button', { name: 'Add the measure' }).click();
    };
    await fillMeasure('Falls admissions', 'per month', '100', 'Lower is better', '120');
    expect(page.url()).toBe(`${here}?done=measureAdded`);
    await expect(banner(page)).resolves.toContain('Measure added');
    // A name the programme has already (in other letters' case) is said beside the name, and nothing is sent.
    await page.getByRole('button', { name: 'Add a measure' }).click();
    await fillMeasure('FALLS ADMISSIONS', 'people', '500', 'Higher is better');
    await expect(page.locator('#name-error').textContent()).resolves.toContain('Falls Prevention already has a measure named “Falls admissions”');
    expect((await stored()).measures).toHaveLength(1);
    await fillMeasure('Residents reached', 'people', '500', 'Higher is better');
    expect(page.url()).toBe(`${here}?done=measureAdded`);
    await expect(page.locator('[data-measures]').textContent()).resolves.toMatch(/Falls admissions[\s\S]*100 per month \(lower is better\)[\s\S]*120 per month[\s\S]*No value yet/);

    // Changing one, by keyboard alone: its target.
    await page.getByRole('link', { name: 'Change Residents reached' }).click();
    await checkPage(page);
    await expect(page.getByLabel('Target').inputValue()).resolves.toBe('500');
    await tabTo(page, (el) => el.name === 'target');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('450');
    await tabTo(page, (el) => el.tag === 'BUTTON');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${here}?done=measureChanged`);
    await expect(page.locator('[data-measures]').textContent()).resolves.toMatch(/Target\s+450 people \(higher is better\)/);
    expect((await stored()).measures).toEqual([
      { name: 'Falls admissions', target: 100, retired_on: null },
      { name: 'Residents reached', target: 450, retired_on: null },
    ]);

    // Completing the review: a value left out is asked for beside its measure, and nothing is sent.
    const [falls, reached] = (await api.owner.query(`select id from improvement_measure where programme_id = $1 order by name`, [programme.id])).map(
      (r: { id: string }) => r.id,
    );
    await page.getByRole('button', { name: 'Complete the review' }).click();
    await checkPage(page);
    await fillDay(page, 'First day', day(-90));
    await fillDay(page, 'Last day', day(0));
    await page.getByLabel('Falls admissions (per month)').fill('95');
    await page.getByRole('group', { name: 'How effective was the programme?' }).getByLabel('4').check();
    await page.getByRole('group', { name: 'How efficient was the programme?' }).getByLabel('3').check();
    await page.getByLabel('Findings').fill('Falls are down; reach is behind plan.');
    const action = page.getByRole('group', { name: 'Action 1' });
    await action.getByLabel('What is to be done').fill('Recruit two community connectors');
    await action.getByLabel('Owner').selectOption(owner.id);
    await fillDay(action, 'Due', day(14));
    const before = await stored();
    await sendEmpty(page, 'Complete the review', 'Enter the value of Residents reached (people)');
    await expect(page.locator(`#value-${reached}-error`).textContent()).resolves.toContain('Enter the value of Residents reached (people)');
    expect(await page.locator('.govuk-error-summary li').count()).toBe(1);
    await expect(page.locator(`#value-${falls}`).inputValue()).resolves.toBe('95');
    await expect(action.getByLabel('Owner').inputValue()).resolves.toBe(owner.id);
    expect(await stored()).toEqual(before);

    // The API's refusal of a field (an action due before today) is shown beside that action's row.
    await page.getByLabel('Residents reached (people)').fill('460');
    await fillDay(action, 'Due', day(-1));
    await page.getByRole('button', { name: 'Complete the review' }).click();
    await expect(page.locator('#action1-due-error').textContent()).resolves.toContain(`An action cannot be due before today (${day(0)})`);
    expect(await stored()).toEqual(before);
    await fillDay(action, 'Due', day(14));
    await page.getByRole('button', { name: 'Complete the review' }).click();
    await page.waitForURL(`${here}?done=reviewCompleted`);
    await expect(banner(page)).resolves.toContain('Review completed');
    const after = await stored();
    expect(after.reviews).toEqual([
      { status: 'COMPLETED', findings: 'Falls are down; reach is behind plan.' },
      { status: 'SCHEDULED', findings: null },
    ]);
    expect(after.values).toEqual([{ value: 95 }, { value: 460 }]);
    expect(after.actions).toEqual([{ description: 'Recruit two community connectors', status: 'OPEN', note: null }]);
    await expect(page.locator('[data-measures]').textContent()).resolves.toMatch(/95 per month[\s\S]*Met[\s\S]*460 people[\s\S]*Met/);
    await expect(page.locator('[data-reviews]').textContent()).resolves.toMatch(/Effectiveness 4 of 5, efficiency 3 of 5[\s\S]*Falls are down/);
    await expect(page.locator('[data-actions]').textContent()).resolves.toMatch(
      new RegExp(`Recruit two community connectors[\\s\\S]*Ada Owner \\(${owner.name}\\)[\\s\\S]*${longDay(day(14))}[\\s\\S]*Open`),
    );
    await checkPage(page);

    // Marking the action done, with a note, without JavaScript.
    await context.close();
    ({ context, page } = await signedIn(coordinator, { javaScriptEnabled: false }));
    await page.goto(here);
    expect(await page.locator('body').getAttribute('class')).not.toContain('js-enabled');
    // (axe needs JavaScript: the reviewer's visit below checks this page.)
    await page.getByRole('link', { name: 'Update Recruit two community connectors' }).click();
    await page.getByLabel('Done').check();
    await page.getByLabel('Note (optional)').fill('Both connectors started in June');
    await page.getByRole('button', { name: 'Save the action' }).click();
    await page.waitForURL(`${here}?done=actionUpdated`);
    await expect(page.locator('[data-actions]').textContent()).resolves.toMatch(new RegExp(`Done on ${longDay(day(0))}[\\s\\S]*Both connectors started in June`));
    expect((await stored()).actions).toEqual([{ description: 'Recruit two community connectors', status: 'DONE', note: 'Both connectors started in June' }]);
    await context.close();
  }, 180_000);

  it('shows reviewers no measure forms and member representatives no forms, refuses their POSTs, and POSTs without the CSRF token', async () => {
    const [actionId] = (await api.owner.query(`select id from improvement_action where programme_id = $1`, [programme.id])).map((r: { id: string }) => r.id);
    const before = await stored();
    const measureForm = { name: 'Forged', unit: '%', target: '1', direction: 'HIGHER_IS_BETTER' };

    // A reviewer completes reviews and updates actions, but is shown no measure forms.
    const asReviewer = await signedIn(reviewer);
    await asReviewer.page.goto(here);
    await expect(asReviewer.page.getByRole('button', { name: 'Complete the review' }).count()).resolves.toBe(1);
    await expect(asReviewer.page.getByRole('link', { name: /^Change/ }).count()).resolves.toBe(0);
    await expect(asReviewer.page.getByRole('button', { name: 'Add a measure' }).count()).resolves.toBe(0);
    await asReviewer.page.getByRole('link', { name: 'Update Recruit two community connectors' }).click();
    await asReviewer.page.waitForLoadState();
    await expect(asReviewer.page.getByLabel('Done').isChecked()).resolves.toBe(true);
    await checkPage(asReviewer.page);
    const refused = await asReviewer.page.goto(`${here}/measures/new`);
    expect(refused!.status()).toBe(403);
    await expect(asReviewer.page.locator('main').textContent()).resolves.toContain('Only coordinators and tenant administrators can add a measure.');
    await checkPage(asReviewer.page);
    await asReviewer.page.goto(`${api.url}/home`);
    const reviewerToken = await asReviewer.page.locator('input[name=_csrf]').first().inputValue();
    const forged = await asReviewer.context.request.post(`${here}/measures/new`, { form: { _csrf: reviewerToken, ...measureForm }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Only coordinators and tenant administrators can create a measure.');
    await asReviewer.context.close();

    // A member representative of a body taking part reads the page without forms, and the API refuses their forms.
    const asRep = await signedIn(rep);
    await asRep.page.goto(here);
    await expect(asRep.page.locator('[data-actions]').textContent()).resolves.toContain('Recruit two community connectors');
    await expect(asRep.page.locator('main a, main button').filter({ hasText: /Add a measure|Change|Complete the review|Update/ }).count()).resolves.toBe(0);
    await checkPage(asRep.page);
    const reviewForm = await asRep.page.goto(`${here}/review`);
    expect(reviewForm!.status()).toBe(403);
    await expect(asRep.page.locator('main').textContent()).resolves.toContain('Only coordinators, reviewers and tenant administrators can complete a review.');
    await asRep.page.goto(`${api.url}/home`);
    const repToken = await asRep.page.locator('input[name=_csrf]').first().inputValue();
    const post = (path: string, form: Record<string, string>) => asRep.context.request.post(`${here}${path}`, { form: { _csrf: repToken, ...form }, maxRedirects: 0 });
    const measures = (await api.owner.query(`select id from improvement_measure where programme_id = $1`, [programme.id])) as { id: string }[];
    const review = await post('/review', {
      'periodStart-day': '1', 'periodStart-month': '1', 'periodStart-year': '2026',
      'periodEnd-day': '2', 'periodEnd-month': '1', 'periodEnd-year': '2026',
      effectivenessRating: '5', efficiencyRating: '5', findings: 'Forged',
      ...Object.fromEntries(measures.map((m) => [`value-${m.id}`, '1'])),
    });
    expect(review.status()).toBe(403);
    expect(await review.text()).toContain('Only coordinators, reviewers and tenant administrators can complete a review.');
    const update = await post(`/actions/${actionId}`, { status: 'DROPPED', note: 'Forged' });
    expect(update.status()).toBe(403);
    expect((await post('/measures/new', measureForm)).status()).toBe(403);
    await asRep.context.close();

    // The coordinator's own form, POSTed without this session's token, or with another session's.
    const asCoordinator = await signedIn(coordinator);
    for (const form of [measureForm, { _csrf: repToken, ...measureForm }]) {
      const response = await asCoordinator.context.request.post(`${here}/measures/new`, { form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form could not be sent');
    }
    // A closed programme's improvement no longer changes: no forms, even for the coordinator.
    await api.ok(`mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { status } }`, { input: { programmeId: closed.id, status: 'CLOSED' } }, coordinator.token);
    await asCoordinator.page.goto(`${api.url}/manage/programmes/${closed.id}/improvement`);
    await expect(asCoordinator.page.locator('[data-due-review]').textContent()).resolves.toContain('No review is scheduled');
    await expect(asCoordinator.page.getByRole('button', { name: 'Add a measure' }).count()).resolves.toBe(0);
    await asCoordinator.context.close();
    expect(await stored()).toEqual(before);
  }, 120_000);
});
