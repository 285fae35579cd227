import { Browser, BrowserContext } from 'playwright-core';
import { ApiHarness } from '../support/api-harness';
import { launchChromium } from '../support/chromium';
import { screenshot } from '../support/screenshot';
import { checkPage, tabTo } from '../support/web-page-checks';
import { InvitationLink, SurveyedPartnership, invite, openRound, surveyedPartnership } from '../health-check/health-check-fixture';

/**
 * A respondent's journey in a real Chromium: the link, the questions, the edit code, changing
 * the answers; with a keyboard only, without JavaScript, at 320 px, checked by axe-core on
 * every page; CSRF refusals; and the link's token in no later URL, Referer or log line.
 */
describe('health-check web pages', () => {
  let api: ApiHarness;
  let browser: Browser;
  let partnership: SurveyedPartnership;
  let roundId: string;
  let links: InvitationLink[];
  const log: string[] = [];
  /** Every URL and Referer every page asked for, in every context. */
  const requested: string[] = [];

  beforeAll(async () => {
    // Every page load asks the throttle from 127.0.0.1; debug logs, so the token check reads everything.
    api = await ApiHarness.start({ HEALTH_CHECK_ADDRESS_LIMIT: '100000', LOG_LEVEL: 'debug' }, { logDestination: { write: (line: string) => void log.push(line) } });
    partnership = await surveyedPartnership(api, 'web', { bodies: 1, peoplePerBody: 4, localityName: 'Gateshead', bodyNames: ['Gateshead Council'] });
    roundId = (await openRound(api, partnership, { minGroupSize: 3 })).id;
    links = (await invite(api, partnership.coordinator, roundId)).links;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  const linkOf = (n: number) => `${api.url}/health-check/start/${links[n].token}`;

  async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 320, height: 720 }, ...options });
    context.on('request', (request) => requested.push(request.url(), request.headers().referer ?? ''));
    return context;
  }

  async function pooled(): Promise<{ answers: { answer: string; comment: string | null }[]; changed: boolean }[]> {
    return api.owner.query(`select answers, changed from survey_response_pool where round_id = $1 order by changed`, [roundId]);
  }

  it('takes a respondent from the link to the questions, answered with the keyboard alone, to the edit code, and changes the answers with it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const landing = await page.goto(linkOf(0));
    // The token left the URL on the first request; the page says what it is for.
    expect(page.url()).toBe(`${api.url}/health-check`);
    expect(landing!.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Spring health check');
    expect(await page.locator('body').getAttribute('class')).toContain('js-enabled');
    const headers = landing!.headers();
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['referrer-policy']).toBe('no-referrer');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.value === links[0].token)).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/health-check' });
    await checkPage(page);
    await screenshot(page, 'health-check');

    // Keyboard only: Tab into each statement's radios, Space picks the first ("Strongly agree"),
    // an arrow moves to the next; one comment typed; Tab to the button and Enter.
    const ids = await page.locator('input[name=statementIds]').inputValue();
    const statementIds = ids.split(',');
    for (const [index, id] of statementIds.entries()) {
      await tabTo(page, (el) => el.name === `answer-${id}`);
      await page.keyboard.press('Space');
      if (index === 0) {
        await page.keyboard.press('ArrowDown');
        await tabTo(page, (el) => el.name === `comment-${id}`);
        await page.keyboard.type('We adapt when asked.');
      }
    }
    await tabTo(page, (el) => el.tag === 'BUTTON');
    // The form posts to the address it was served from: wait for the answer page itself, not the URL.
    await Promise.all([page.waitForSelector('[data-edit-code]'), page.keyboard.press('Enter')]);
    await expect(page.locator('h1').textContent()).resolves.toContain('Your answers have been sent');
    const editCode = (await page.locator('[data-edit-code]').textContent())!.trim();
    expect(editCode.length).toBeGreaterThan(20);
    expect(await pooled()).toEqual([
      {
        changed: false,
        answers: statementIds.map((id, i) =>
          expect.objectContaining({ answer: i === 0 ? 'AGREE' : 'STRONGLY_AGREE', comment: i === 0 ? 'We adapt when asked.' : null }),
        ),
      },
    ]);
    await checkPage(page);

    // Changing: the edit code page, a missing answer named in the error summary, then the change.
    await page.getByRole('link', { name: 'change your answers' }).click();
    await checkPage(page);
    await page.getByLabel('Change your health-check answers').fill(editCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Spring health check');
    await page.getByRole('button', { name: 'Change my answers' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(`Select an answer to statement ${statementIds.length}, or "Don't know"`);
    await checkPage(page);
    for (const id of statementIds) await page.locator(`input[name="answer-${id}"][value=DISAGREE]`).check();
    await page.getByRole('button', { name: 'Change my answers' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('Your answers have been changed');
    await checkPage(page);
    expect((await pooled())[0].answers.map((a) => a.answer)).toEqual(statementIds.map(() => 'DISAGREE'));

    // A wrong edit code is named, with how to fix it.
    await page.goto(`${api.url}/health-check/change`);
    await page.getByLabel('Change your health-check answers').fill('not-a-code');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('This edit code is not valid');
    await checkPage(page);
    await context.close();
  }, 120_000);

  it('works without JavaScript: answer, edit code, change', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(linkOf(1));
    expect(page.url()).toBe(`${api.url}/health-check`);
    expect(await page.locator('body').getAttribute('class')).not.toContain('js-enabled');
    const ids = (await page.locator('input[name=statementIds]').inputValue()).split(',');
    for (const id of ids) await page.locator(`input[name="answer-${id}"][value=DONT_KNOW]`).check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    const editCode = (await page.locator('[data-edit-code]').textContent())!.trim();
    await page.goto(`${api.url}/health-check/change`);
    await page.getByLabel('Change your health-check answers').fill(editCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    for (const id of ids) await page.locator(`input[name="answer-${id}"][value=NEUTRAL]`).check();
    await page.getByRole('button', { name: 'Change my answers' }).click();
    await expect(page.locator('h1').textContent()).resolves.toContain('Your answers have been changed');
    expect((await pooled()).map((p) => p.answers.map((a) => a.answer).join())).toEqual(
      expect.arrayContaining([ids.map(() => 'NEUTRAL').join()]),
    );
    await context.close();
  }, 120_000);

  it('shows a used link like an unused one, and one page for a link that cannot be used', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const unused = await (await page.goto(linkOf(2)))!.text();
    const used = await (await page.goto(linkOf(0)))!.text();
    const withoutSecrets = (html: string) => html.replace(/value="[^"]*"|nonce="[^"]*"|'nonce-[^']*'/g, '');
    expect(withoutSecrets(used)).toBe(withoutSecrets(unused));

    for (const url of [`${api.url}/health-check/start/made-up-token`, `${api.url}/health-check/start/${'A'.repeat(43)}`]) {
      const response = await page.goto(url);
      expect(response!.status()).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('This link cannot be used');
      await expect(page.locator('main').textContent()).resolves.toMatch(/^\s*This link cannot be used\s*This health-check link cannot be used.\s*$/);
    }
    await checkPage(page);
    await context.close();
  }, 60_000);

  it('refuses a form without its CSRF token or with another session\'s, and stores nothing', async () => {
    const mine = await newContext();
    const page = await mine.newPage();
    await page.goto(linkOf(3));
    const ids = (await page.locator('input[name=statementIds]').inputValue()).split(',');
    const ownToken = await page.locator('input[name=_csrf]').inputValue();
    const other = await newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${api.url}/health-check/change`);
    const othersToken = await otherPage.locator('input[name=_csrf]').inputValue();
    expect(othersToken).not.toBe(ownToken);

    const before = await pooled();
    const answers = Object.fromEntries(ids.map((id) => [`answer-${id}`, 'AGREE']));
    for (const csrf of [undefined, othersToken, '']) {
      const form: Record<string, string> = { statementIds: ids.join(','), ...answers, ...(csrf === undefined ? {} : { _csrf: csrf }) };
      const response = await mine.request.post(`${api.url}/health-check`, { form, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('This form could not be sent');
      const change = await mine.request.post(`${api.url}/health-check/change/answers`, { form: { ...form, editCode: 'x' }, maxRedirects: 0 });
      expect(change.status()).toBe(403);
    }
    expect(await pooled()).toEqual(before);
    const [token] = await api.owner.query(`select count(*)::int as used from survey_token where round_id = $1 and used`, [roundId]);
    expect(token.used).toBe(2);
    // With its own token the same form goes through: the refusals were the token's.
    const accepted = await mine.request.post(`${api.url}/health-check`, { form: { statementIds: ids.join(','), ...answers, _csrf: ownToken } });
    expect(await accepted.text()).toContain('Your answers have been sent');
    await mine.close();
    await other.close();
  }, 60_000);

  it('keeps every token out of later URLs, Referer headers and the log', () => {
    for (const [n, link] of links.entries()) {
      const seen = requested.filter((entry) => entry.includes(link.token));
      // Only the link itself, once per time it was opened.
      expect(new Set(seen)).toEqual(new Set(n < 4 ? [linkOf(n)] : []));
      expect(log.filter((line) => line.includes(link.token))).toEqual([]);
    }
    expect(requested.filter((entry) => entry.includes('/health-check/start/') && !entry.startsWith(`${api.url}/health-check/start/`))).toEqual([]);
    expect(log.length).toBeGreaterThan(0);
  });
});

describe('health-check web pages under the per-address throttle', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start({ HEALTH_CHECK_ADDRESS_LIMIT: '1' });
  });
  afterAll(() => api.stop());

  it('says when an address has used up its tries, as the API words it', async () => {
    const open = () => fetch(`${api.url}/health-check`, { headers: { cookie: `joinedup_health_check=${'A'.repeat(43)}` } });
    // 127.0.0.1's tries of this window are counted across test files: the second at the latest is over a limit of 1.
    await open();
    const refused = await open();
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many health-check tries from your network address: try again in 15 minutes.');
  });
});
