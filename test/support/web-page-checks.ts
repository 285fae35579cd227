import AxeBuilder from '@axe-core/playwright';
import { Page } from 'playwright-core';

/** WCAG 2.2 A and AA, as axe-core tags them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Run in the page: strings, as the tests compile without the DOM's types.
const SIDEWAYS_OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const FOCUSED = `(() => { const a = document.activeElement;
  return { name: (a && a.getAttribute('name')) || '', tag: (a && a.tagName) || '', type: (a && a.getAttribute('type')) || '' }; })()`;

/** axe-core finds nothing against WCAG 2.2 A/AA, and the page fits its width (320 px in these tests) without scrolling sideways. */
export async function checkPage(page: Page): Promise<void> {
  const title = await page.title();
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect([title, violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)]).toEqual([title, []]);
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
