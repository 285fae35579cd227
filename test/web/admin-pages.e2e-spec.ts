import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { loadConfig } from '@joinedup/config';
import { MAIL_QUEUE } from '@joinedup/mail';
import { QUEUE, QueueFactory, queueStoreFor } from '@joinedup/jobs';
import { ApiHarness, SIGN_IN, TestTenant, TestUser, codeOf } from '../support/api-harness';
import { launchChromium } from '../support/chromium';
import { PrivateDatabase, privateDatabase } from '../support/private-database';
import { RegistryFactory } from '../support/registry-factory';
import { emailedSignInPath } from '../support/sign-in-link-mail';
import { SmtpCatcher } from '../support/smtp-catcher';
import { checkPage, signInOnPage, tabTo } from '../support/web-page-checks';
import { testQueuePrefix } from '../support/queue-prefix';

const USER = `query($id: ID!) { user(id: $id) { role active organisationId } }`;
const RULES = `{ governanceRules { code thresholds { name unit min max default value } } }`;
const ENDPOINTS = `{ webhookEndpoints { id url active } }`;
const STRONG = 'copper kettle orchard 71';

/**
 * The tenant administrators' pages in Chromium at 320 px, checked by axe: users (created
 * with an emailed sign-in link that a real SMTP server catches and a worker sends), the
 * set-password page, governance rules and webhooks; and every refusal: other roles' forms
 * POSTed directly, and forms without this session's CSRF token, change nothing.
 */
describe('administrators’ pages', () => {
  const prefix = testQueuePrefix('admin-web');
  let smtp: SmtpCatcher;
  let database: PrivateDatabase;
  let api: ApiHarness;
  let worker: INestApplicationContext;
  let inspector: QueueFactory;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let rep: TestUser;
  let body: { id: string; name: string };
  let admin: { context: BrowserContext; page: Page };

  const userNow = async (id: string) => (await api.ok(USER, { id }, tenant.adminToken)).user;
  const rulesNow = async () => (await api.ok(RULES, {}, tenant.adminToken)).governanceRules as { code: string; thresholds: { name: string; unit: string; min: number; max: number; default: number; value: number }[] }[];
  const endpointsNow = async () => (await api.ok(ENDPOINTS, {}, tenant.adminToken)).webhookEndpoints as { id: string; url: string; active: boolean }[];
  const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();
  const summary = (page: Page) => page.locator('.govuk-error-summary').textContent();

  async function signedIn(user: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signInOnPage(page, api.url, tenant.slug, user);
    return { context, page };
  }

  const linkPath = (email: string, n: number) => emailedSignInPath(smtp, email, n);

  /** Each role's signed-in browser for forged POSTs, signed in once (a sign-in costs a password hash). */
  const forgers = new Map<string, Promise<{ context: BrowserContext; csrf: string }>>();

  /** A form POSTed by `user` straight to `path`, with their session's CSRF token: what a forged form would send. */
  async function postAs(user: { email: string; password: string }, path: string, form: Record<string, string>): Promise<{ status: number; text: string }> {
    if (!forgers.has(user.email)) {
      forgers.set(user.email, signedIn(user).then(async ({ context, page }) => ({ context, csrf: await page.locator('input[name=_csrf]').first().inputValue() })));
    }
    const { context, csrf } = await forgers.get(user.email)!;
    const response = await context.request.post(`${api.url}${path}`, { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
    return { status: response.status(), text: await response.text() };
  }

  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    database = await privateDatabase('adminweb');
    const settings = { ...(process.env as Record<string, string>), ...database.env, QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, MAIL_BACKOFF_MS: '300' };
    api = await ApiHarness.start(settings);
    inspector = new QueueFactory(queueStoreFor(api.config));
    worker = (await createWorkerApp(loadConfig(settings))).app;
    await worker.init();
    tenant = await api.newTenant('web-admin');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    const make = new RegistryFactory(api, coordinator.token);
    body = await make.organisation('HEALTH', 'Valley Health Trust');
    await make.organisation('POLICE', 'Northumbria Police');
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', body.id);
    browser = await launchChromium();
    admin = await signedIn(tenant.admin);
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

  it('creates a member representative who sets their password with the emailed link and lands on their body’s page', async () => {
    const { page } = admin;
    await page.goto(`${api.url}/manage`);
    await page.getByRole('link', { name: 'Users' }).click();
    await checkPage(page);
    await page.getByRole('button', { name: 'Create a user' }).click();
    await checkPage(page);

    await page.getByRole('button', { name: 'Create the user and email their sign-in link' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect(await summary(page)).toMatch(/Enter their name[\s\S]*Enter their email address[\s\S]*Select a role/);
    await page.getByLabel('Name').fill('Nia New');
    const email = `nia-${randomUUID().slice(0, 6)}@example.org`;
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Member representative').check();
    await page.getByRole('button', { name: 'Create the user and email their sign-in link' }).click();
    expect(await summary(page)).toContain('Select the body they act for');
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Nia New');
    await checkPage(page);
    await page.getByLabel('The body they act for').selectOption({ label: body.name });
    await page.getByRole('button', { name: 'Create the user and email their sign-in link' }).click();
    await page.waitForURL(new RegExp(`/manage/users/[0-9a-f-]{36}\\?done=created$`));
    expect(await banner(page)).toContain('A sign-in link is on its way to them by email');
    await expect(page.locator('h1').textContent()).resolves.toBe('Nia New');
    await checkPage(page);
    const newId = /users\/([0-9a-f-]{36})/.exec(page.url())![1];
    expect(await userNow(newId)).toEqual({ role: 'MEMBER_REPRESENTATIVE', active: true, organisationId: body.id });

    // The same email again is refused beside its field, in the API's words.
    await page.goto(`${api.url}/manage/users/new`);
    await page.getByLabel('Name').fill('Nia Again');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Tenant administrator').check();
    await page.getByRole('button', { name: 'Create the user and email their sign-in link' }).click();
    expect(await page.locator('#email-error').textContent()).toContain('A user with this email already exists in your tenant.');

    // The new user, in a browser of their own, from the link in their email.
    const mine = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const theirs = await mine.newPage();
    await theirs.goto(`${api.url}${await linkPath(email, 1)}`);
    expect(theirs.url()).toBe(`${api.url}/set-password`);
    await expect(theirs.locator('main').textContent()).resolves.toContain(`For Nia New, who signs in as ${email}.`);
    await checkPage(theirs);
    await theirs.getByLabel('Password').fill('password1234');
    await theirs.getByRole('button', { name: 'Set my password and sign in' }).click();
    expect(await theirs.locator('#password-error').textContent()).toContain('Your password is too easy to guess');
    await checkPage(theirs);
    await theirs.getByLabel('Password').fill(STRONG);
    await theirs.getByRole('button', { name: 'Set my password and sign in' }).click();
    await theirs.waitForURL(`${api.url}/bodies/${body.id}`);
    await expect(theirs.locator('h1').textContent()).resolves.toBe(body.name);
    await mine.close();
    await api.signIn(tenant.slug, email, STRONG);

    // Used: the link now gets one page whatever the reason.
    const again = await browser.newPage();
    const response = await again.goto(`${api.url}${await linkPath(email, 1)}`);
    expect(response!.status()).toBe(404);
    await expect(again.locator('main').textContent()).resolves.toContain('This sign-in link cannot be used');
    await again.close();

    // Resend sign-in: a second link arrives.
    await page.goto(`${api.url}/manage/users/${newId}`);
    await page.getByRole('button', { name: 'Email a sign-in link' }).click();
    expect(await banner(page)).toContain('Sign-in link sent');
    await linkPath(email, 2);
  }, 120_000);

  it('lists users by role, changes a role, and deactivates a user after a confirmation (never oneself)', async () => {
    const { page } = admin;
    await page.goto(`${api.url}/manage/users`);
    await page.getByLabel('Role').selectOption({ label: 'Member representative' });
    await page.getByRole('button', { name: 'Show users' }).click();
    const listed = (await page.locator('[data-list=users]').textContent())!;
    expect(listed).toContain(rep.email);
    expect(listed).not.toContain(coordinator.email);

    const leaver = await api.newUser(tenant, 'COORDINATOR');
    await page.goto(`${api.url}/manage/users/${leaver.id}`);
    await page.getByLabel('Member representative').check();
    await page.getByRole('button', { name: 'Change role' }).click();
    expect(await summary(page)).toContain('Select the body they act for');
    await checkPage(page);
    await page.getByLabel('Leader or reviewer').check();
    await page.getByRole('button', { name: 'Change role' }).click();
    expect(await banner(page)).toContain('Role changed');
    expect(await userNow(leaver.id)).toMatchObject({ role: 'REVIEWER' });

    await page.getByRole('button', { name: 'Deactivate A COORDINATOR' }).click();
    await checkPage(page);
    // By keyboard alone: the confirmation's first button is the one that deactivates.
    await tabTo(page, (el) => el.tag === 'BUTTON');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=deactivated$/);
    expect(await banner(page)).toContain('User deactivated');
    expect(await userNow(leaver.id)).toMatchObject({ active: false });
    expect(codeOf(await api.graphql(SIGN_IN, { input: { tenant: tenant.slug, email: leaver.email, password: leaver.password } }))).toBe('UNAUTHENTICATED');

    await page.goto(`${api.url}/manage/users/${tenant.adminId}/deactivate`);
    await page.getByRole('button', { name: 'Yes, deactivate' }).click();
    expect(await summary(page)).toContain('You cannot deactivate your own account; ask another tenant administrator.');
    await checkPage(page);
    expect(await userNow(tenant.adminId)).toMatchObject({ active: true });
  }, 120_000);

  it('changes a rule’s threshold within its range, and resets it', async () => {
    const rule = (await rulesNow()).find((r) => r.thresholds.some((t) => t.unit === 'days'))!;
    const threshold = rule.thresholds.find((t) => t.unit === 'days')!;
    const { page } = admin;
    await page.goto(`${api.url}/manage/governance-rules`);
    await checkPage(page);
    await page.locator(`[data-rule=${rule.code}] a`).click();
    await checkPage(page);
    const field = page.getByLabel(`Threshold: ${threshold.name}`);
    await field.fill(String(threshold.max + 1));
    await page.getByRole('button', { name: 'Save the rule' }).click();
    expect(await page.locator(`#threshold-${threshold.name}-error`).textContent()).toContain(`as a whole number from ${threshold.min} to ${threshold.max}`);
    await checkPage(page);
    expect((await rulesNow()).find((r) => r.code === rule.code)!.thresholds.find((t) => t.name === threshold.name)!.value).toBe(threshold.value);

    const chosen = threshold.default === threshold.min ? threshold.max : threshold.min;
    await page.getByLabel(`Threshold: ${threshold.name}`).fill(String(chosen));
    await page.getByRole('button', { name: 'Save the rule' }).click();
    expect(await banner(page)).toContain('Rule changed');
    const valueNow = async () => (await rulesNow()).find((r) => r.code === rule.code)!.thresholds.find((t) => t.name === threshold.name)!.value;
    expect(await valueNow()).toBe(chosen);
    await expect(page.locator(`[data-rule=${rule.code}]`).textContent()).resolves.toContain('Changed');

    await page.locator(`[data-rule=${rule.code}] a`).click();
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    expect(await banner(page)).toContain('Rule back to its built-in settings');
    expect(await valueNow()).toBe(threshold.default);
  }, 120_000);

  it('registers a webhook with its secret shown once, rotates it, stops it and reads its delivery log', async () => {
    const { page } = admin;
    await page.goto(`${api.url}/manage/webhooks`);
    await checkPage(page);
    await page.getByRole('button', { name: 'Register an endpoint' }).click();
    await checkPage(page);
    await page.getByLabel('Address').fill('https://127.0.0.1/joinedup');
    await page.getByLabel('A scan raised a flag').check();
    await page.getByRole('button', { name: 'Register the endpoint' }).click();
    expect(await page.locator('#url-error').textContent()).toMatch(/127\.0\.0\.1/);
    await checkPage(page);
    expect(await endpointsNow()).toEqual([]);

    await page.getByLabel('Address').fill('https://93.184.216.34/joinedup');
    await page.getByRole('button', { name: 'Register the endpoint' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('Endpoint registered');
    const secret = (await page.locator('[data-secret]').textContent())!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(page.locator('.govuk-warning-text').textContent()).resolves.toContain('it cannot be shown again');
    await checkPage(page);
    const [endpoint] = await endpointsNow();
    expect(endpoint).toMatchObject({ url: 'https://93.184.216.34/joinedup', active: true });

    await page.getByRole('link', { name: 'Go to the endpoint' }).click();
    await checkPage(page);
    expect(await page.locator('main').textContent()).not.toContain(secret);
    await page.getByRole('button', { name: 'Rotate the secret' }).click();
    const rotated = (await page.locator('[data-secret]').textContent())!;
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated).not.toBe(secret);

    await page.goto(`${api.url}/manage/webhooks/${endpoint.id}`);
    await page.getByRole('button', { name: 'Stop the endpoint' }).click();
    expect(await banner(page)).toContain('Endpoint stopped');
    expect((await endpointsNow())[0].active).toBe(false);

    await api.owner.query(
      `insert into webhook_delivery (tenant_id, endpoint_id, event_type, payload, state, attempts, last_attempt_at, last_status_code, last_error, delivered_at)
       values ($1, $2, 'flag.raised', '{}', 'DELIVERED', 1, now(), 204, null, now()),
              ($1, $2, 'flag.raised', '{}', 'FAILED', 5, now(), 500, 'The receiver answered 500', null)`,
      [tenant.id, endpoint.id],
    );
    await page.getByRole('link', { name: 'Delivery log' }).click();
    await checkPage(page);
    expect(await page.locator('[data-list=deliveries] li').count()).toBe(2);
    await page.getByLabel('State').selectOption({ label: 'Failed' });
    await page.getByRole('button', { name: 'Show deliveries' }).click();
    await page.waitForURL(/state=FAILED/);
    const failed = await page.locator('[data-list=deliveries] li').allTextContents();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/Failed[\s\S]*5 attempts[\s\S]*answered 500[\s\S]*The receiver answered 500/);
  }, 120_000);

  it('refuses other roles in the API’s words, shows reviewers the rules without forms, and changes nothing', async () => {
    const denied = await signedIn(coordinator);
    const response = await denied.page.goto(`${api.url}/manage/users`);
    expect(response!.status()).toBe(403);
    await expect(denied.page.locator('main').textContent()).resolves.toContain('Only tenant administrators can');
    await checkPage(denied.page);
    await denied.context.close();

    const reader = await signedIn(reviewer);
    const rule = (await rulesNow())[0];
    await reader.page.goto(`${api.url}/manage/governance-rules/${rule.code}`);
    expect(await reader.page.getByRole('button', { name: 'Save the rule' }).count()).toBe(0);
    await checkPage(reader.page);
    await reader.context.close();

    const email = `forged-${randomUUID().slice(0, 6)}@example.org`;
    const create = await postAs(coordinator, '/manage/users/new', { displayName: 'Forged', email, role: 'TENANT_ADMIN' });
    expect([create.status, create.text]).toEqual([403, expect.stringContaining('Only tenant administrators can create a user.')]);
    expect(await api.owner.query(`select id from app_user where email = $1`, [email])).toEqual([]);

    const before = JSON.stringify(await rulesNow());
    const threshold = rule.thresholds[0];
    const ruleForm = { enabled: 'no', severity: 'HIGH', ...(threshold ? { [`threshold-${threshold.name}`]: String(threshold.min) } : {}) };
    expect((await postAs(reviewer, `/manage/governance-rules/${rule.code}`, ruleForm)).status).toBe(403);
    expect((await postAs(rep, `/manage/governance-rules/${rule.code}/reset`, {})).status).toBe(403);
    expect(JSON.stringify(await rulesNow())).toBe(before);

    const endpoints = JSON.stringify(await endpointsNow());
    const forged = await postAs(rep, '/manage/webhooks/new', { url: 'https://93.184.216.35/x', events: 'FLAG_RAISED' });
    expect([forged.status, forged.text]).toEqual([403, expect.stringContaining('Only tenant administrators can')]);
    expect((await postAs(coordinator, `/manage/users/${rep.id}/deactivate`, {})).status).toBe(403);
    expect((await postAs(reviewer, `/manage/users/${rep.id}/sign-in-link`, {})).status).toBe(403);
    expect(JSON.stringify(await endpointsNow())).toBe(endpoints);
    expect(await userNow(rep.id)).toMatchObject({ active: true });
  }, 120_000);

  it('refuses a form without this session’s CSRF token, and changes nothing', async () => {
    const other = await signedIn(reviewer);
    const foreign = await other.page.locator('input[name=_csrf]').first().inputValue();
    await other.context.close();
    const { context } = admin;
    for (const token of [undefined, foreign]) {
      const response = await context.request.post(`${api.url}/manage/users/${rep.id}/deactivate`, { form: token ? { _csrf: token } : {}, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form could not be sent');
    }
    expect(await userNow(rep.id)).toMatchObject({ active: true });
  });
});
