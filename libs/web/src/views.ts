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

/**
 * Nunjucks' own trim is a regular expression, /^\s*|\s*$/g, whose second half is tried at
 * every whitespace run of the string: GOV.UK's macros trim every component's whole HTML, so
 * it took a fifth of a form page's rendering. String.prototype.trim removes the same
 * characters (\s is JavaScript's whitespace and line terminators) in one pass.
 */
function trim(value: unknown): unknown {
  const trimmed = String(value).trim();
  return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
}

/** What the compiler of nunjucks 3 (not in its types) needs: the environment's options and filters. */
interface CompilingEnvironment {
  opts: object;
  asyncFilters: string[];
  extensionsList: object[];
}
const { compiler, lib } = nunjucks as unknown as {
  compiler: { compile(src: string, asyncFilters: string[], extensions: object[], name: string, opts: object): string };
  lib: { _prettifyError(path: string, withInternals: boolean, error: unknown): Error };
};

/**
 * Loads templates compiled: each template's code is kept by its path and source text, so a
 * template is compiled once per version of its file. Without it nunjucks compiles every
 * template anew on each render unless it caches them, and then never sees a changed file;
 * this way changing templates (outside production) are recompiled only when they change.
 * GOV.UK's macros include and import their parts by relative path on every call, and the
 * loader resolves each path anew (path.resolve): remember where each leads too (a fixed
 * set of pairs: the templates' own paths).
 */
export class CompilingLoader extends nunjucks.FileSystemLoader {
  private readonly resolved = new Map<string, string>();
  private readonly compiled = new Map<string, object>();
  environment?: CompilingEnvironment;

  override resolve(from: string, to: string): string {
    const key = `${from}\0${to}`;
    let path = this.resolved.get(key);
    if (path === undefined) {
      path = super.resolve(from, to);
      this.resolved.set(key, path);
    }
    return path;
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name);
    if (!source || !this.environment) return source;
    const key = `${source.path}\0${source.src}`;
    let code = this.compiled.get(key);
    if (!code) {
      const { asyncFilters, extensionsList, opts } = this.environment;
      try {
        // As nunjucks' Template compiles a template given as text, errors named as it names them.
        code = new Function(compiler.compile(source.src, asyncFilters, extensionsList, source.path, opts))() as object; // eslint-disable-line no-new-func
      } catch (error) {
        throw lib._prettifyError(source.path, false, error);
      }
      this.compiled.set(key, code);
    }
    // A template given as code, as nunjucks' PrecompiledLoader gives it.
    return { ...source, src: { type: 'code', obj: code } as unknown as string };
  }
}

/** Our templates and GOV.UK Frontend's, HTML-escaped by default; templates kept once loaded when `cache` (production), otherwise read again on every render. */
export function viewEnvironment(cache: boolean): nunjucks.Environment {
  const paths = [join(packageRoot(), 'libs/web/views'), GOVUK_FRONTEND_DIST];
  const loader = new CompilingLoader(paths, { noCache: !cache });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  loader.environment = env as unknown as CompilingEnvironment;
  // Days as GOV.UK writes them: 12 December 2026; instants with their time (UTC); API enum values in words.
  env.addFilter('day', dayOf);
  env.addFilter('instant', instantOf);
  env.addFilter('month', monthOf);
  env.addFilter('words', words);
  env.addFilter('trim', trim);
  return env;
}
