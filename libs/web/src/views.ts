import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { dayOf, instantOf, words } from './dates';

/** The repository root (from the sources under jest, or from dist/ when built). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** GOV.UK Frontend's dist folder: its Nunjucks macros, CSS, JS, fonts and images. */
export const GOVUK_FRONTEND_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/** Our templates and GOV.UK Frontend's, HTML-escaped by default. */
export function viewEnvironment(cache: boolean): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([join(packageRoot(), 'libs/web/views'), GOVUK_FRONTEND_DIST], { noCache: !cache });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  // Days as GOV.UK writes them: 12 December 2026; instants with their time (UTC); API enum values in words.
  env.addFilter('day', dayOf);
  env.addFilter('instant', instantOf);
  env.addFilter('words', words);
  return env;
}
