import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Page } from 'playwright-core';

/** WCAG 2.2 A and AA, as axe-core tags them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The axe-core script that @axe-core/playwright itself injects (its own copy), read once per test file. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js', { paths: [dirname(require.resolve('@axe-core/playwright'))] }), 'utf8');

// Run in the page: strings, as the tests compile without the DOM's types.
const AXE_LOADED = "typeof window.axe === 'object'";
const AXE_VIOLATIONS = `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] })
  .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(' ')))`;
const SIDEWAYS_OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const FOCUSED = `(() => { const a = document.activeElement;
  return { name: (a && a.getAttribute('name')) || '', tag: (a && a.tagName) || '', type: (a && a.getAttribute('type')) || '' }; })()`;

/**
 * axe-core's WCAG 2.2 A/AA violations on the page, as "rule: selectors". axe runs in the page
 * itself, injected once per document: @axe-core/playwright's analyze() injects it twice and
 * opens a second page to merge per-frame results, about three times the cost, which only pages
 * with frames need (none of ours has one: if one does, it is analysed that way).
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (page.frames().length > 1) {
    const { AxeBuilder } = await import('@axe-core/playwright');
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
  }
  if (!(await page.evaluate(AXE_LOADED))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(AXE_VIOLATIONS)) as string[];
}

/** axe-core finds nothing against WCAG 2.2 A/AA, and the page fits its width (320 px in these tests) without scrolling sideways. */
export async function checkPage(page: Page): Promise<void> {
  // A click that navigates returns once the next page has started loading: check it whole.
  await page.waitForLoadState();
  const title = await page.title();
  expect([title, await accessibilityViolations(page)]).toEqual([title, []]);
  expect([title, await page.evaluate(SIDEWAYS_OVERFLOW)]).toEqual([title, 0]);
}

export interface Focused {
  name: string;
  tag: string;
  type: string;
}

/** Presses Tab until the focused element matches (at most `limit` times). */
export async function tabTo(page: Page, matches: (el: Focused) => boolean, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (matches((await page.evaluate(FOCUSED)) as Focused)) return;
  }
  throw new Error('The field was not reached by Tab');
}

/** Signs a user in through the sign-in page, as a person would, and waits for their home page. */
export async function signInOnPage(page: Page, baseUrl: string, tenantSlug: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Organisation's JoinedUp name").fill(tenantSlug);
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/home`);
}

/** The status each task of a GOV.UK task list (such as /setup) shows, in order. */
export async function taskStatuses(page: Page): Promise<string[]> {
  return (await page.locator('.govuk-task-list__status').allTextContents()).map((s) => s.trim());
}
