import { INestApplicationContext } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { MAIL_QUEUE } from '@joinedup/mail';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { BODIES_SHEET, BODY_COLUMNS, PEOPLE_SHEET, PERSON_COLUMNS } from '@joinedup/onboarding';
import { ApiHarness, TestTenant, TestUser } from '../support/api-harness';
import { launchChromium } from '../support/chromium';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { emailedSignInPath } from '../support/sign-in-link-mail';
import { SmtpCatcher } from '../support/smtp-catcher';
import { checkPage, signInOnPage, taskStatuses } from '../support/web-page-checks';
import { testQueuePrefix } from '../support/queue-prefix';

const SECTORS = ['Local authority', 'Health', 'Police', 'Voluntary'];
/** The three bodies that take part in the programme; the first two get member representatives. */
const COUNCIL = 'Sunderland City Council';
const TRUST = 'South Tyneside and Sunderland NHS Trust';
const POLICE = 'Northumbria Police Sunderland';
const NAMED = [COUNCIL, TRUST, POLICE];
const STRONG = 'lantern harbour thistle 42';
/** The people the journey names, by body and place in it; the rest are "Person <body>-<n>". */
const NAMED_PEOPLE: Record<string, string> = { '0-0': 'Rhys Bell', '0-1': 'Amira Okafor', '1-0': 'Mei Tan' };
/** The email the file gives the n-th person (from 0) of the i-th body (from 0). */
const emailOf = (i: number, j: number) => `person.${i + 1}.${j + 1}@wearside.test`;

/**
 * The spreadsheet a coordinator fills in: 40 member bodies with three people each (120),
 * every person with competencies and the first of each body marked as representing it.
 */
async function partnershipWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  const bodies = Array.from({ length: 40 }, (_, i) => ({ name: NAMED[i] ?? `Wearside Partner ${i + 1}`, ref: `WS-${i + 1}`, sector: SECTORS[i % SECTORS.length] }));
  workbook.addWorksheet(BODIES_SHEET).addRows([[...BODY_COLUMNS], ...bodies.map((b) => [b.name, b.sector, b.ref])]);
  const people = bodies.flatMap((b, i) =>
    [0, 1, 2].map((j) => [
      NAMED_PEOPLE[`${i}-${j}`] ?? `Person ${i + 1}-${j + 1}`,
      j === 0 ? 'Partnership Lead' : 'Programme Officer',
      emailOf(i, j),
      b.ref,
      // Amira has exactly what the role below needs; the others less.
      i === 0 && j === 1 ? 'Data sharing: 4; Programme management: 4' : `Data sharing: ${1 + ((i + j) % 3)}; Safeguarding: 3`,
      j === 0 ? 'Yes' : 'No',
    ]),
  );
  workbook.addWorksheet(PEOPLE_SHEET).addRows([[...PERSON_COLUMNS], ...people]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Issue 21's journey, in Chromium through the web pages only: a brand-new tenant's
 * coordinator sets the partnership up from the task list and a spreadsheet (40 bodies, 120
 * people); its administrator creates two member representatives, who set their passwords
 * from the emailed link; the coordinator runs a programme to an agreed leader (endorsed on
 * the representatives' own pages), assigns a role by fit, agrees a conflict process, and
 * moves a conflict a representative logged through two stages; a measure and a completed
 * review finish the task list. Only the tenant and its first two accounts come from factories
 * (creating a tenant is an operator command); the worker and a real SMTP server deliver the
 * sign-in links. axe and 320 px on the pages no other test checks in this state.
 */
describe('a new partnership, from nothing', () => {
  const prefix = testQueuePrefix('journey');
  let smtp: SmtpCatcher;
  let database: PrivateDatabase;
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let inspector: QueueFactory;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let page: Page;
  /** Member representatives' sessions, by body name. */
  const reps = new Map<string, { email: string; page: Page }>();

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    // The worker's outbox relay serves every tenant of its database: its own one, so it takes no other test's events.
    database = await privateDatabase('journey');
    const settings = { ...(process.env as Record<string, string>), ...database.env, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '300' };
    api = await ApiHarness.start(settings);
    inspector = new QueueFactory(queueStoreFor(api.config));
    worker = (await createWorkerApp(loadConfig(settings))).app;
    await worker.init();
    tenant = await api.newTenant('journey');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    browser = await launchChromium();
    page = await signedIn(coordinator);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    for (const name of [QUEUE.domainEvents, QUEUE.maintenance, MAIL_QUEUE]) await inspector?.queue(name).obliterate({ force: true });
    await inspector?.close();
    await api?.stop();
    await smtp?.stop();
    await database?.drop();
  });

  async function newPage(): Promise<Page> {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const opened = await context.newPage();
    opened.setDefaultTimeout(20_000);
    return opened;
  }

  async function signedIn(user: { email: string; password: string }): Promise<Page> {
    const opened = await newPage();
    await signInOnPage(opened, api.url, tenant.slug, user);
    return opened;
  }

  const text = async (at: Page, selector = 'main') => (await at.locator(selector).first().textContent())!.replace(/\s+/g, ' ');
  const banner = (at: Page) => text(at, '.govuk-notification-banner');
  const heading = (at: Page) => text(at, 'h1');

  it('sets up the partnership from the task list and a spreadsheet of 40 bodies and 120 people', async () => {
    await page.getByRole('link', { name: 'Run your partnership' }).click();
    await page.getByRole('link', { name: 'Set up your partnership' }).click();
    await page.waitForURL(`${api.url}/setup`);
    expect(await heading(page)).toBe('Set up your partnership');
    expect(await taskStatuses(page)).toEqual(['Not yet started', ...Array(6).fill('Cannot start yet')]);

    await page.getByRole('link', { name: 'Add a locality' }).click();
    await page.getByLabel('Name').fill('Sunderland');
    await page.getByLabel('Code').fill('E08000024');
    await page.getByRole('button', { name: 'Add the locality' }).click();
    expect(await banner(page)).toContain('Locality added');
    expect(await heading(page)).toBe('Sunderland');

    await page.getByRole('link', { name: 'Import from a spreadsheet' }).click();
    expect(await heading(page)).toBe('Import member bodies and people');
    await page.getByLabel('Upload a file').setInputFiles({ name: 'sunderland.xlsx', mimeType: 'application/octet-stream', buffer: await partnershipWorkbook() });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    expect(await heading(page)).toBe('Check what the file changes');
    const preview = await text(page, '.govuk-summary-list');
    expect(preview).toMatch(/Member bodies 40 to create, 0 to change, 0 unchanged/);
    expect(preview).toMatch(/People 120 to create/);
    // A new partnership's file is where its competencies come from: listed to check their spelling.
    expect(await page.locator('[data-new-competencies] li').allTextContents()).toEqual(['Data sharing', 'Programme management', 'Safeguarding']);
    await page.getByRole('button', { name: 'Confirm and import' }).click();
    expect(await banner(page)).toContain('The file was imported');
    expect(await text(page, '[data-member-count]')).toContain('Sunderland has 40 member bodies');
    await page.getByRole('link', { name: 'See its member bodies' }).click();
    await page.waitForLoadState();
    expect(await page.locator('[data-members] tbody tr').count()).toBe(40);
    await page.goBack();

    await page.getByRole('link', { name: 'Run your partnership' }).click();
    await page.getByRole('link', { name: 'Set up your partnership' }).click();
    expect(await taskStatuses(page)).toEqual(['Completed', 'Completed', 'Completed', 'Not yet started', 'Not yet started', 'Not yet started', 'Cannot start yet']);
  }, 120_000);

  it('has the administrator create two member representatives, who set their password from the emailed link', async () => {
    const admin = await signedIn(tenant.admin);
    await admin.getByRole('link', { name: 'Run your partnership' }).click();
    await admin.getByRole('link', { name: 'Set up your partnership' }).click();
    await admin.getByRole('link', { name: 'Create users and member representatives' }).click();
    // The people the file marked as representing the council and the trust.
    for (const [name, email, body] of [['Rhys Bell', emailOf(0, 0), COUNCIL], ['Mei Tan', emailOf(1, 0), TRUST]]) {
      await admin.getByRole('button', { name: 'Create a user' }).click();
      await admin.getByLabel('Name').fill(name);
      await admin.getByLabel('Email address').fill(email);
      await admin.getByLabel('Member representative').check();
      await admin.getByLabel('The body they act for').selectOption({ label: body });
      await admin.getByRole('button', { name: 'Create the user and email their sign-in link' }).click();
      expect(await banner(admin)).toContain('A sign-in link is on its way to them by email');
      expect(await heading(admin)).toBe(name);
      await admin.getByRole('link', { name: 'Users', exact: true }).click();

      const theirs = await newPage();
      await theirs.goto(`${api.url}${await emailedSignInPath(smtp, email)}`);
      await theirs.getByLabel('Password').fill(STRONG);
      await theirs.getByRole('button', { name: 'Set my password and sign in' }).click();
      expect(await heading(theirs)).toBe(body);
      reps.set(body, { email, page: theirs });
    }
    expect(await text(admin, '[data-list=users]')).toMatch(/Rhys Bell[\s\S]*Mei Tan|Mei Tan[\s\S]*Rhys Bell/);
    await admin.context().close();
    await page.reload();
    expect(await taskStatuses(page)).toEqual(['Completed', 'Completed', 'Completed', 'Completed', 'Not yet started', 'Not yet started', 'Cannot start yet']);
  }, 120_000);

  it('runs a programme to an agreed leader endorsed on the representatives’ pages, and assigns a role by fit', async () => {
    await page.getByRole('link', { name: 'Create programmes' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Warm Homes Sunderland');
    await page.getByLabel('A qualified majority supports').check();
    await page.getByLabel('Share of the bodies that must support').fill('60');
    for (const body of NAMED) await page.getByLabel(body, { exact: true }).check();
    await page.getByRole('button', { name: 'Create the programme' }).click();
    expect(await banner(page)).toContain('Programme created');
    expect(await text(page, '.govuk-summary-list')).toMatch(/Status Draft/);

    await page.getByRole('link', { name: 'Leadership', exact: true }).click();
    await page.getByLabel('Nominate a leader').selectOption({ label: `Person 3-1, Partnership Lead (${POLICE})` });
    await page.getByRole('button', { name: 'Nominate' }).click();
    expect(await banner(page)).toContain('Leader nominated');
    const support = () => text(page, '.govuk-summary-list');
    expect(await support()).toContain('0 of 3 support; needs 2');

    for (const [i, body] of [COUNCIL, TRUST].entries()) {
      const rep = reps.get(body)!.page;
      await rep.goto(`${api.url}/home`);
      await rep.getByRole('link', { name: 'For my body' }).click();
      await rep.getByRole('link', { name: 'Person 3-1 as leader of Warm Homes Sunderland' }).click();
      await rep.getByLabel('Support', { exact: true }).check();
      await rep.getByRole('button', { name: "Record your body's position" }).click();
      expect(await banner(rep)).toContain('Endorsement recorded');
      expect(await text(rep)).not.toContain('Person 3-1 as leader');
      await page.reload();
      if (i === 0) {
        expect(await support()).toContain('1 of 3 support; needs 2');
        expect(await text(page, '[data-positions]')).toMatch(new RegExp(`${COUNCIL} Supports`));
      }
    }
    expect(await support()).toMatch(new RegExp(`Leader Person 3-1, Partnership Lead \\(${POLICE}\\)`));
    expect(await text(page)).toContain('No nomination is open.');

    await page.getByRole('link', { name: 'Back to Warm Homes Sunderland' }).click();
    await page.getByRole('link', { name: 'Roles', exact: true }).click();
    await page.getByLabel('Title').fill('Data sharing lead');
    await page.getByLabel('Competency 1', { exact: true }).selectOption('Data sharing');
    await page.getByLabel('Level competency 1 needs').selectOption('4');
    await page.getByLabel('Competency 2', { exact: true }).selectOption('Programme management');
    await page.getByLabel('Level competency 2 needs').selectOption('3');
    await page.getByRole('button', { name: 'Define the role' }).click();
    expect(await banner(page)).toContain('Role defined');
    await page.getByRole('link', { name: 'Data sharing lead' }).click();
    await page.waitForLoadState();
    // The nine people of the three bodies taking part, the best fit first, with what each lacks.
    const offered = await page.getByLabel('Who will hold the role').locator('option').allTextContents();
    expect(offered).toHaveLength(10);
    expect(offered[2]).toMatch(/fit 0 % — missing: Data sharing \(level 4, holds \d\), Programme management \(level 3\)$/);
    await checkPage(page);
    expect(offered[1]).toBe(`Amira Okafor, Programme Officer (${COUNCIL}): fit 100 %`);
    await page.getByLabel('Who will hold the role').selectOption({ label: offered[1] });
    await page.getByLabel('Appointed').check();
    await page.getByLabel('Why this person').fill('Runs the council’s data sharing agreements');
    await page.getByRole('button', { name: 'Assign the role' }).click();
    expect(await banner(page)).toContain('Role assigned');
    const role = await text(page, '[data-role="Data sharing lead"]');
    expect(role).toMatch(new RegExp(`Held by Amira Okafor \\(${COUNCIL}\\)`));
    expect(role).toMatch(/Fit 100 %/);
  }, 120_000);

  it('agrees a conflict process; a representative logs a conflict, the other acknowledges it, and the coordinator moves it through two stages', async () => {
    await page.goto(`${api.url}/setup`);
    await page.getByRole('link', { name: 'Agree a conflict process' }).click();
    const stages = [
      ['Discussion between the leads', 'Programme leads', '7'],
      ['Mediation by the partnership coordinator', 'Partnership coordinator', '14'],
    ];
    for (const [i, [name, owner, days]] of stages.entries()) {
      await page.locator(`#stage-${i + 1}-name`).fill(name);
      await page.locator(`#stage-${i + 1}-owner`).fill(owner);
      await page.locator(`#stage-${i + 1}-days`).fill(days);
    }
    await page.getByRole('button', { name: 'Save the stages' }).click();
    expect(await text(page)).toContain('Draft version 1, waiting to be agreed');
    await page.getByRole('button', { name: 'Agree this version' }).click();
    expect(await text(page)).toMatch(/Version 1, agreed by the partnership on/);

    // The council's representative signs in again, through the sign-in page, and logs the conflict.
    const council = reps.get(COUNCIL)!;
    await council.page.context().close();
    const logger = await signedIn({ email: council.email, password: STRONG });
    await logger.getByRole('link', { name: 'For my body' }).click();
    await logger.getByRole('link', { name: 'Log a conflict in Sunderland' }).click();
    await logger.getByLabel(TRUST, { exact: true }).check();
    await logger.getByLabel('Resources').check();
    await logger.getByLabel('High').check();
    await logger.getByLabel('Title').fill('Who funds the boiler surveys');
    await logger.getByLabel('What is the conflict?').fill('The trust expected the council to fund every survey.');
    await logger.getByRole('button', { name: 'Log the conflict' }).click();
    expect(await banner(logger)).toContain('Conflict logged');
    await logger.context().close();

    // The trust, a party to it, finds it on its to-do list.
    const trust = reps.get(TRUST)!.page;
    await trust.goto(`${api.url}/home`);
    await trust.getByRole('link', { name: 'For my body' }).click();
    await trust.getByRole('link', { name: 'Who funds the boiler surveys' }).click();
    await trust.getByLabel('Acknowledge it').check();
    await trust.getByRole('button', { name: 'Record it' }).click();
    expect(await banner(trust)).toContain('Conflict updated');

    await page.goto(`${api.url}/manage`);
    await page.getByRole('link', { name: 'Localities' }).click();
    await page.getByRole('link', { name: 'Sunderland', exact: true }).click();
    await page.getByRole('link', { name: 'Conflict log' }).click();
    await page.getByRole('link', { name: 'Who funds the boiler surveys' }).click();
    const act = async (label: string, note: string) => {
      await page.getByLabel(label).check();
      await page.getByLabel('Outcome, reason, comment or note').fill(note);
      await page.getByRole('button', { name: 'Record it' }).click();
    };
    await act('Start its resolution process', 'The leads meet on Monday');
    expect(await text(page)).toContain('In resolution, stage 1: Discussion between the leads');
    await act('Escalate it to the next stage', 'The leads could not agree');
    expect(await text(page)).toContain('In resolution, stage 2: Mediation by the partnership coordinator');
    await page.getByRole('link', { name: 'Back to the conflict log of Sunderland' }).click();
    const log = await text(page);
    expect(log).toContain('Who funds the boiler surveys');
    expect(log).toContain('Stage 2: Mediation by the partnership coordinator');
  }, 120_000);

  it('adds a measure and completes the review; the task list is then all done', async () => {
    await page.goto(`${api.url}/setup`);
    await page.getByRole('link', { name: 'Set improvement measures' }).click();
    await page.getByRole('link', { name: 'Warm Homes Sunderland' }).click();
    await page.getByRole('link', { name: 'Improvement', exact: true }).click();
    await page.getByRole('button', { name: 'Add a measure' }).click();
    await page.getByLabel('Name').fill('Homes insulated');
    await page.getByLabel('Unit').fill('homes');
    await page.getByLabel('Target').fill('400');
    await page.getByLabel('Higher is better').check();
    await page.getByRole('button', { name: 'Add the measure' }).click();
    expect(await banner(page)).toContain('Measure added');

    // A draft has no review: the page says where to make the programme active.
    expect(await text(page, '[data-due-review]')).toContain('Warm Homes Sunderland is a draft: make it active on its page');
    await checkPage(page);
    await page.getByRole('link', { name: 'make it active on its page' }).click();
    await page.getByLabel('Active').check();
    await page.getByRole('button', { name: 'Change status' }).click();
    expect(await banner(page)).toContain('Status changed');
    await page.getByRole('link', { name: 'Improvement', exact: true }).click();
    expect(await text(page, '[data-due-review]')).toMatch(/The next review is due on \d+ \w+ \d{4}/);

    await page.getByRole('button', { name: 'Complete the review' }).click();
    const today = new Date().toISOString().slice(0, 10).split('-');
    for (const [group, [year, month, day]] of [['First day', today], ['Last day', today]] as const) {
      const fieldset = page.getByRole('group', { name: group, exact: true });
      await fieldset.getByLabel('Day').fill(day);
      await fieldset.getByLabel('Month').fill(month);
      await fieldset.getByLabel('Year').fill(year);
    }
    await page.getByLabel('Homes insulated (homes)').fill('120');
    await page.getByRole('group', { name: 'How effective was the programme?' }).getByLabel('3').check();
    await page.getByRole('group', { name: 'How efficient was the programme?' }).getByLabel('4').check();
    await page.getByLabel('Findings').fill('The first surveys are done; the funding dispute slows the rest.');
    await page.getByRole('button', { name: 'Complete the review' }).click();
    expect(await banner(page)).toContain('Review completed');
    expect(await text(page, '[data-measures]')).toMatch(/120 homes/);

    await page.goto(`${api.url}/setup`);
    expect(await taskStatuses(page)).toEqual(Array(7).fill('Completed'));
    await checkPage(page);
  }, 120_000);
});
