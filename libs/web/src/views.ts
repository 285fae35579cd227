import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { dayOf, instantOf, monthOf, words } from './dates';

/** The repository root (from the sources under jest, or from dist/ when built). */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** GOV.UK Frontend's dist folder: its Nunjucks macros, CSS, JS, fonts and images. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * The files pages load, by address prefix: GOV.UK Frontend's CSS, JavaScript, fonts and
 * images, and our own stylesheets (libs/web/public). The server serves them, and the board
 * pack's Chromium is handed them from here (it reaches no server).
 */
export const STATIC_FOLDERS: readonly { prefix: string; dir: string }[] = [
  { prefix: '/assets', dir: join(GOVUK_FRONTEND_DIST, 'govuk/assets') },
  { prefix: '/govuk-frontend', dir: join(GOVUK_FRONTEND_DIST, 'govuk') },
  { prefix: '/web-assets', dir: join(packageRoot(), 'libs/web/public') },
];

/** Our templates and GOV.UK Frontend's, HTML-escaped by default. */
export function viewEnvironment(cache: boolean): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([join(packageRoot(), 'libs/web/views'), GOVUK_FRONTEND_DIST], { noCache: !cache });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  // Days as GOV.UK writes them: 12 December 2026; instants with their time (UTC); API enum values in words.
  env.addFilter('day', dayOf);
  env.addFilter('instant', instantOf);
  env.addFilter('month', monthOf);
  env.addFilter('words', words);
  return env;
}
