import { Browser } from 'playwright-core';
import { ApiHarness, TestTenant, codeOf, sharedApi } from '../../support/api-harness';
import { sharedBrowser } from '../../support/chromium';
import { checkPage } from '../../support/web-page-checks';

const ME = `{ me { email } }`;
const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { accessToken } }`;

/** Signing in on a page keeps the session's tokens in httpOnly cookies; signing out ends the session in the API. */
describe('sign-in pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;

  beforeAll(async () => {
    api = await sharedApi.join();
    tenant = await api.newTenant('web-sign-in');
    browser = await sharedBrowser.join();
  }, 120_000);
  afterAll(async () => {
    await sharedBrowser.leave(browser);
    await sharedApi.leave(api);
  });

  it('signs in from the start page, keeps the tokens from scripts, refreshes them, and signing out revokes the session', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${api.url}/`);
    await checkPage(page);
    await page.getByRole('link', { name: 'sign in' }).click();
    await checkPage(page);

    // Nothing filled in: each field says what to enter.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/Enter your organisation's JoinedUp name[\s\S]*Enter your email address[\s\S]*Enter your password/);
    await checkPage(page);
    // A wrong password: the API's refusal, and the password is not sent back.
    await page.getByLabel("Organisation's JoinedUp name").fill(tenant.slug);
    await page.getByLabel('Email address').fill(tenant.admin.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/\S/);
    expect(await page.getByLabel('Password').inputValue()).toBe('');

    await page.getByLabel('Password').fill(tenant.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${api.url}/home`);
    await expect(page.locator('main').textContent()).resolves.toContain(tenant.admin.email);
    await checkPage(page);
    const cookies = await context.cookies();
    const access = cookies.find((c) => c.name === 'joinedup_access')!;
    const refresh = cookies.find((c) => c.name === 'joinedup_refresh')!;
    for (const cookie of [access, refresh]) expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate('document.cookie')).toBe('');
    expect(await api.ok(ME, {}, access.value)).toEqual({ me: { email: tenant.admin.email } });

    // An access token that no longer works is exchanged with the refresh token, as the API's refresh rules say.
    await context.addCookies([{ ...access, value: 'expired' }]);
    await page.reload();
    await expect(page.locator('main').textContent()).resolves.toContain(tenant.admin.email);
    const renewed = (await context.cookies()).find((c) => c.name === 'joinedup_access')!.value;
    const renewedRefresh = (await context.cookies()).find((c) => c.name === 'joinedup_refresh')!.value;
    expect(renewed).not.toBe('expired');
    expect(renewedRefresh).not.toBe(refresh.value);

    // Signing out without the form's CSRF token is refused and ends nothing.
    const forged = await context.request.post(`${api.url}/sign-out`, { form: {} });
    expect(forged.status()).toBe(403);
    expect(codeOf(await api.graphql(ME, {}, renewed))).toBeUndefined();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You have signed out');
    await checkPage(page);
    expect((await context.cookies()).filter((c) => c.name.startsWith('joinedup_access') || c.name.startsWith('joinedup_refresh'))).toEqual([]);
    // The session is ended in the API: neither of its tokens works any more.
    expect(codeOf(await api.graphql(ME, {}, renewed))).toBe('UNAUTHENTICATED');
    expect(codeOf(await api.graphql(REFRESH, { input: { refreshToken: renewedRefresh } }))).toBe('UNAUTHENTICATED');
    await page.goto(`${api.url}/home`);
    expect(page.url()).toBe(`${api.url}/sign-in`);
    await context.close();
  }, 120_000);
});
