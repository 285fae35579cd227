import { execFileSync } from 'node:child_process';
import { APIRequestContext, request } from 'playwright-core';
import { ApiHarness, TestUser } from '../support/api-harness';
import { readPdf } from '../support/pdf-text';
import { GovernanceProbe, daysAfter } from '../support/governance-probe';
import { ENDORSE } from '../support/registry-factory';
import { CLOSE_ROUND, SUBMIT, SurveyedPartnership, answersTo, invite, openRound, surveyedPartnership, utcDay } from '../health-check/health-check-fixture';

const FLAGS = `query($l: ID!) { governanceFlags(localityId: $l, state: [OPEN, ACKNOWLEDGED, DISMISSED, RESOLVED], first: 100) {
  nodes { barrier state firstRaisedAt resolvedAt } } }`;
const BARRIERS = ['Flexibility', 'Recognition', 'Communication', 'Conflict resolution', 'Role fit', 'Leadership', 'Continuous improvement'];

/** Text of HTML, one space between words, entities of ours decoded. */
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

/**
 * The board pack PDF, printed by the service's own Chromium: downloaded through the web
 * session (signed in with cookies, no browser here), A4, at most 4 pages, its text matching
 * the locality page's figures and the same for the same data; reviewers may, member
 * representatives are refused; at most 2 prints at once (the third is refused with 503, or
 * waits); a browser killed under the service is launched again.
 */
describe('board pack PDF', () => {
  let api: ApiHarness;
  let partnership: SurveyedPartnership;
  let coordinator: TestUser;
  let reviewer: TestUser;
  let rep: TestUser;
  const sessions: APIRequestContext[] = [];

  beforeAll(async () => {
    // No wait for a print slot: a third print at once is refused rather than queued.
    api = await ApiHarness.start({ HEALTH_CHECK_ADDRESS_LIMIT: '100000', BOARD_PACK_WAIT_MS: '0' });
    partnership = await surveyedPartnership(api, 'board-pack', { bodies: 3, peoplePerBody: 2, localityName: 'Sunderland' });
    const { tenant, make, localityId, bodies } = partnership;
    coordinator = await api.newUser(tenant, 'COORDINATOR');
    reviewer = await api.newUser(tenant, 'REVIEWER');
    rep = await api.newUser(tenant, 'MEMBER_REPRESENTATIVE', bodies[1].id);
    const probe = new GovernanceProbe(api, tenant.id);
    await probe.scan(daysAfter(new Date(), -40));
    // Records the rules flag: an active programme without a conflict process or measures, a nomination opposed.
    const programme = await make.programme(localityId, bodies.map((b) => b.id), { name: 'Healthy Ageing' });
    const nomination = await make.nominate(programme.id, bodies[0].people[0]);
    await api.ok(ENDORSE, { input: { nominationId: nomination.id, organisationId: bodies[1].id, position: 'OPPOSE' } }, rep.token);
    // A health check everyone answered (4 of 6 report the first weakness), closed and settled.
    const round = await openRound(api, partnership, { title: 'Autumn health check' });
    const { links } = await invite(api, partnership.coordinator, round.id);
    for (const [i, link] of links.entries()) {
      await api.ok(SUBMIT, { input: { token: link.token, answers: answersTo(round.statements, (p) => (p === 1 && i < 4 ? 'DISAGREE' : 'AGREE')) } });
    }
    await api.ok(CLOSE_ROUND, { id: round.id }, partnership.coordinator);
    await api.owner.query(`update survey_round set opens_on = $2, closes_on = $3 where id = $1`, [round.id, await utcDay(api, -3), await utcDay(api, -1)]);
    await api.owner.query(`select settle_survey_responses(true)`);
    await probe.scan(new Date());
  }, 120_000);

  afterAll(async () => {
    for (const session of sessions) await session.dispose();
    await api?.stop();
  });

  /** A web session of the user (cookies kept), signed in through the sign-in form with its CSRF token. */
  async function signIn(user: TestUser): Promise<APIRequestContext> {
    const session = await request.newContext({ baseURL: api.url });
    sessions.push(session);
    const form = await (await session.get('/sign-in')).text();
    const _csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1];
    const signedIn = await session.post('/sign-in', { form: { _csrf, tenant: partnership.tenant.slug, email: user.email, password: user.password }, maxRedirects: 0 });
    expect(signedIn.status()).toBe(303);
    return session;
  }

  const packUrl = () => `/localities/${partnership.localityId}/board-pack.pdf`;

  async function downloadPack(session: APIRequestContext) {
    const response = await session.get(packUrl(), { timeout: 30_000 });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="board-pack-[\w-]+-\d{4}-\d{2}-\d{2}\.pdf"$/);
    return readPdf(await response.body());
  }

  it('prints A4, at most 4 pages, with the locality page’s figures, the same text for the same data', async () => {
    const session = await signIn(coordinator);
    const localityPage = await (await session.get(`/localities/${partnership.localityId}`)).text();
    expect(localityPage).toContain(`href="${packUrl()}"`);
    const page = plain(localityPage);

    const pack = await downloadPack(session);
    expect(pack.pages.length).toBeGreaterThanOrEqual(1);
    expect(pack.pages.length).toBeLessThanOrEqual(4);
    for (const { width, height } of pack.pages) {
      // A4 is 595.28 × 841.89 points.
      expect(Math.round(width)).toBe(595);
      expect(Math.round(height)).toBe(842);
    }
    const text = pack.text.replace(/\s+/g, ' ');

    // Overall score and per-barrier scores, as the locality page shows them.
    const overall = /Overall (\d+) out of 100/.exec(page)![1];
    expect(text).toContain(`Overall ${overall} out of 100`);
    for (const barrier of BARRIERS) {
      const score = new RegExp(`${barrier} (\\d+) `).exec(page.slice(page.indexOf('Scores by barrier')))![1];
      expect(text).toMatch(new RegExp(`${barrier} ${score}\\b`));
    }
    // Open flags by severity.
    const counts = /(\d+) high, (\d+) medium and (\d+) low severity/.exec(page)!;
    expect(text).toContain(`${counts[1]} high, ${counts[2]} medium and ${counts[3]} low severity`);
    const open = Number(counts[1]) + Number(counts[2]) + Number(counts[3]);
    expect(open).toBeGreaterThan(0);
    expect(text).toContain(`${open} flags are open`);

    // What changed since the end of last month, as the API lists the flags.
    const flags: { barrier: string; state: string; firstRaisedAt: string; resolvedAt: string | null }[] = (
      await api.ok(FLAGS, { l: partnership.localityId }, coordinator.token)
    ).governanceFlags.nodes;
    const now = new Date();
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const raised = flags.filter((f) => Date.parse(f.firstRaisedAt) >= monthStart).length;
    const resolved = flags.filter((f) => f.resolvedAt && Date.parse(f.resolvedAt) >= monthStart).length;
    expect(text).toContain(`${raised} flags raised and ${resolved} resolved`);

    // The survey's shares with their intervals, beside 2007, as on the locality page.
    const shares = [...page.matchAll(/(\d+ %) \((\d+ %) to (\d+ %)\)/g)].map((m) => m[0]);
    expect(shares.length).toBe(7);
    for (const share of shares) expect(text).toContain(share);
    expect(text).toContain('47 %');
    // Programmes with their leaders and reviews.
    expect(text).toContain('Healthy Ageing');
    expect(text).toMatch(/Leader: none agreed/);

    // The same data prints the same text.
    const again = await downloadPack(session);
    expect(again.text).toBe(pack.text);
  }, 60_000);

  it('prints for a reviewer and refuses a member representative in the API’s words', async () => {
    await downloadPack(await signIn(reviewer));
    const session = await signIn(rep);
    for (const url of [packUrl(), `/localities/${partnership.localityId}/board-pack`]) {
      const refused = await session.get(url);
      expect(refused.status()).toBe(403);
      expect(refused.headers()['content-type']).toMatch(/^text\/html/);
      expect(plain(await refused.text())).toMatch(/Only coordinators, reviewers and tenant administrators can see [a-z ]+\./);
    }
    const signedOut = await request.newContext({ baseURL: api.url });
    sessions.push(signedOut);
    const redirected = await signedOut.get(packUrl(), { maxRedirects: 0 });
    expect(redirected.status()).toBe(303);
    expect(redirected.headers().location).toBe('/sign-in');
  }, 60_000);

  it('prints at most 2 at once: of 3 at once, a third not printed is refused with 503 and Retry-After', async () => {
    const session = await signIn(coordinator);
    const responses = await Promise.all([0, 1, 2].map(() => session.get(packUrl(), { timeout: 30_000 })));
    const statuses = responses.map((r) => r.status());
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    for (const response of responses) {
      if (response.status() === 200) {
        expect(response.headers()['content-type']).toBe('application/pdf');
        continue;
      }
      expect(response.status()).toBe(503);
      expect(response.headers()['retry-after']).toBe('30');
      expect(plain(await response.text())).toContain('The board pack cannot be printed now');
    }
  }, 60_000);

  it('launches Chromium again after it was killed under the service', async () => {
    const session = await signIn(coordinator);
    await downloadPack(session);
    // The service's Chromium is a child of this process (the test itself starts no browser).
    const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /chrom|headless_shell/i.test(line))
      .map((line) => Number(line.split(/\s+/)[0]));
    expect(children.length).toBe(1);
    process.kill(children[0], 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await downloadPack(session);
  }, 60_000);
});
