import { Browser } from 'playwright-core';
import { MAIL_KINDS, UnsubscribeTokens } from '@joinedup/mail';
import { ApiHarness, TestTenant, TestUser, codeOf } from '../support/api-harness';
import { launchChromium } from '../support/chromium';
import { checkPage, signInOnPage, tabTo } from '../support/web-page-checks';

const MINE = `{ myMailPreferences { kindsOn kindsOff digest } }`;
const UPDATE = `mutation($input: UpdateMyMailPreferencesInput!) { updateMyMailPreferences(input: $input) { kindsOn kindsOff digest } }`;
const LINK = `query($token: String!) { mailUnsubscribeLink(token: $token) { kind kindName subscribed } }`;

/**
 * Mail preferences over GraphQL and on their page, and the unsubscribe links of messages:
 * a GET never unsubscribes, a POST without cookies does (RFC 8058), again and again with the
 * same answer, and a forged, altered or revoked link is refused.
 */
describe('mail preferences and unsubscribe links', () => {
  let api: ApiHarness;
  let browser: Browser;
  let tenant: TestTenant;
  let coordinator: TestUser;
  let representative: TestUser;
  let tokens: UnsubscribeTokens;
  const kindsOffOf = async (userId: string): Promise<string[] | undefined> =>
    (await api.owner.query(`select kinds_off from mail_preference where user_id = $1`, [userId]))[0]?.kinds_off;
  // The unsubscribe link the worker would put in a message (same secret, same signer).
  const linkFor = (user: TestUser, kind: (typeof MAIL_KINDS)[number], generation = 0) =>
    `${api.url}/unsubscribe/${tokens.sign({ tenantId: tenant.id, recipientId: user.id, kind, generation })}`;

  beforeAll(async () => {
    api = await ApiHarness.start();
    tenant = await api.newTenant('mail-prefs');
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    representative = await api.newUser(tenant, 'REVIEWER');
    tokens = new UnsubscribeTokens(api.config.jwtSecret);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('has every kind on by default, sets the kinds listed, and refuses a list that is not a set of kinds', async () => {
    expect(await api.ok(MINE, {}, coordinator.token)).toEqual({ myMailPreferences: { kindsOn: [...MAIL_KINDS], kindsOff: [], digest: true } });
    const updated = await api.ok(UPDATE, { input: { kindsOn: ['IMPROVEMENT_REVIEW_DUE', 'DIGEST'] } }, coordinator.token);
    expect(updated.updateMyMailPreferences).toEqual({
      kindsOn: ['DIGEST', 'IMPROVEMENT_REVIEW_DUE'],
      kindsOff: MAIL_KINDS.filter((k) => k !== 'DIGEST' && k !== 'IMPROVEMENT_REVIEW_DUE'),
      digest: true,
    });
    expect(codeOf(await api.graphql(UPDATE, { input: { kindsOn: ['DIGEST', 'DIGEST'] } }, coordinator.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(UPDATE, { input: { kindsOn: ['NEWSLETTER'] } }, coordinator.token))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.graphql(MINE, {}))).toBe('UNAUTHENTICATED');
    // One user's choice is theirs only.
    expect((await api.ok(MINE, {}, representative.token)).myMailPreferences.digest).toBe(true);
    await api.ok(UPDATE, { input: { kindsOn: [...MAIL_KINDS] } }, coordinator.token);
  });

  it('never unsubscribes on GET; a POST without cookies does, and again changes nothing', async () => {
    const link = linkFor(representative, 'DIGEST');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('This link stops the weekly digest of flags and health.');
    expect(await kindsOffOf(representative.id)).toBeUndefined();

    for (let n = 0; n < 2; n++) {
      // As a mail client's one-click button sends it: no cookies, no CSRF token.
      const posted = await fetch(link, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect([n, posted.status]).toEqual([n, 200]);
      expect(await posted.text()).toContain('You will no longer get the weekly digest of flags and health.');
      expect(await kindsOffOf(representative.id)).toEqual(['DIGEST']);
    }
    expect((await api.ok(MINE, {}, representative.token)).myMailPreferences).toMatchObject({ digest: false, kindsOff: ['DIGEST'] });
    expect((await api.ok(LINK, { token: link.split('/').pop() })).mailUnsubscribeLink).toEqual({
      kind: 'DIGEST',
      kindName: 'the weekly digest of flags and health',
      subscribed: false,
    });
  });

  it('refuses forged, altered and revoked links, changing nothing', async () => {
    const good = linkFor(coordinator, 'IMPROVEMENT_REVIEW_DUE');
    const token = good.split('/').pop()!;
    const [body, mac] = token.split('.');
    const otherUser = Buffer.from(Buffer.from(body, 'base64url').toString().replace(coordinator.id, representative.id)).toString('base64url');
    const forged = new UnsubscribeTokens('not the server secret, but 32 characters long').sign({ tenantId: tenant.id, recipientId: coordinator.id, kind: 'IMPROVEMENT_REVIEW_DUE', generation: 0 });
    for (const bad of [`${otherUser}.${mac}`, `${body}.${mac.slice(1)}x`, forged, 'nonsense', 'x'.repeat(1000)]) {
      for (const method of ['GET', 'POST']) {
        const response = await fetch(`${api.url}/unsubscribe/${bad}`, { method });
        expect([bad.slice(0, 20), method, response.status]).toEqual([bad.slice(0, 20), method, 400]);
        expect(await response.text()).toContain('This unsubscribe link does not work');
      }
    }
    // Revoked: the user's link generation moved on.
    expect((await api.ok(`mutation { revokeMyUnsubscribeLinks { kindsOff } }`, {}, coordinator.token)).revokeMyUnsubscribeLinks).toEqual({ kindsOff: [] });
    expect(await api.owner.query(`select link_generation from mail_preference where user_id = $1`, [coordinator.id])).toEqual([{ link_generation: 1 }]);
    expect((await fetch(good, { method: 'POST' })).status).toBe(400);
    expect(await kindsOffOf(coordinator.id)).toEqual([]);
    expect((await fetch(linkFor(coordinator, 'IMPROVEMENT_REVIEW_DUE', 1), { method: 'POST' })).status).toBe(200);
    expect(await kindsOffOf(coordinator.id)).toEqual(['IMPROVEMENT_REVIEW_DUE']);
  });

  it('shows and saves the preferences on their page at 320 px, by keyboard, with CSRF', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await signInOnPage(page, api.url, tenant.slug, coordinator);
    await page.getByRole('link', { name: 'Your email preferences' }).click();
    expect(page.url()).toBe(`${api.url}/mail-preferences`);
    await checkPage(page);
    // IMPROVEMENT_REVIEW_DUE was switched off by the link above; the rest are on.
    expect(await page.getByLabel('Reminders of improvement reviews due').isChecked()).toBe(false);
    expect(await page.getByLabel('The weekly digest of flags and health').isChecked()).toBe(true);

    // By keyboard: untick the digest (the first box), tick the reviews (the third), save.
    await tabTo(page, (el) => el.name === 'kinds');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await tabTo(page, (el) => el.tag === 'BUTTON');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${api.url}/mail-preferences?saved=1`);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Your email preferences have been saved');
    await checkPage(page);
    expect(await kindsOffOf(coordinator.id)).toEqual(['DIGEST']);
    expect((await api.ok(MINE, {}, coordinator.token)).myMailPreferences).toMatchObject({ digest: false, kindsOff: ['DIGEST'] });

    // A form that is not ours: a value that is no kind is refused, saying what to do.
    const csrf = await page.locator('input[name=_csrf]').inputValue();
    const odd = await context.request.post(`${api.url}/mail-preferences`, { form: { _csrf: csrf, kinds: 'NEWSLETTER' } });
    expect(odd.status()).toBe(400);
    expect(await odd.text()).toContain('Choose only from the kinds of email listed');
    // Without this session's CSRF token nothing changes.
    const forged = await context.request.post(`${api.url}/mail-preferences`, { form: { kinds: 'DIGEST' } });
    expect(forged.status()).toBe(403);
    expect((await api.ok(MINE, {}, coordinator.token)).myMailPreferences.digest).toBe(false);

    // The unsubscribe page, as a person sees it.
    await page.goto(linkFor(coordinator, 'IMPROVEMENT_ACTION_DUE', 1));
    await checkPage(page);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You have unsubscribed');
    await checkPage(page);
    expect(await kindsOffOf(coordinator.id)).toEqual(['DIGEST', 'IMPROVEMENT_ACTION_DUE']);
    await context.close();
  }, 120_000);
});
