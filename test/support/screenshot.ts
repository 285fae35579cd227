import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';

/** Where the README's pictures of the pages live. */
export const SCREENSHOTS_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');

/** Every picture is this wide (CSS pixels, one device pixel each), whatever the test's own viewport. */
const WIDTH = 1000;
const HEIGHT = 800;

// Run in the page (a string: the tests compile without the DOM's types). No focus ring on
// whatever the test last touched, and the web fonts in place before the picture is taken.
const SETTLE = `(async () => {
  const focused = document.activeElement;
  if (focused && typeof focused.blur === 'function') focused.blur();
  await document.fonts.ready;
})()`;

/** Whether a picture is (re)written: when it is missing, or on purpose with UPDATE_SCREENSHOTS=1. */
export function shouldWriteScreenshot(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_SCREENSHOTS === '1' || !existsSync(file);
}

/**
 * Saves what the page shows now, full length, as docs/screenshots/<name>.png for the README.
 * The pages show the day the test runs (and whatever names a test makes up), so a picture
 * differs from day to day: it is written only when missing or when UPDATE_SCREENSHOTS=1 asks
 * for new ones (and then only if its bytes changed), and an ordinary run (CI included) leaves
 * the tree as it was. Deterministic otherwise: 1000 px wide at one device pixel per CSS pixel,
 * no caret, no focus, animations stopped, fonts loaded; the test's viewport is put back
 * afterwards. Returns whether the file was written.
 */
export async function screenshot(page: Page, name: string): Promise<boolean> {
  const file = join(SCREENSHOTS_DIR, `${name}.png`);
  if (!shouldWriteScreenshot(file)) return false;
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  try {
    await page.evaluate(SETTLE);
    const png = await page.screenshot({ fullPage: true, caret: 'hide', animations: 'disabled', scale: 'css' });
    if (existsSync(file) && readFileSync(file).equals(png)) return false;
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    writeFileSync(file, png);
    return true;
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}
