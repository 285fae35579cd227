import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { CompilingLoader, GOVUK_FRONTEND_DIST, viewEnvironment } from './views';

// Nunjucks' own trim, which ours replaces (its filters are not in the type definitions).
const nunjucksTrim = (require('nunjucks/src/filters') as { trim: (s: unknown) => unknown }).trim;

describe('view environment', () => {
  const env = viewEnvironment(true);

  it('trims exactly what Nunjucks trims, and keeps safe HTML safe', () => {
    const samples = ['  a b  ', '\n\t<p>x</p>\r\n  ', '\u00a0\u2028text\ufeff\u3000', '', '   ', 'no space'];
    for (const sample of samples) {
      expect(env.getFilter('trim')(sample)).toBe(nunjucksTrim(sample));
    }
    expect(env.renderString('{{ html | safe | trim }}|{{ text | trim }}', { html: '  <b>x</b>\n', text: ' <i> ' })).toBe('<b>x</b>|&lt;i&gt;');
  });

  it('writes days as GOV.UK does', () => {
    expect(env.renderString('{{ "2026-12-05" | day }} {{ "2027-01-31" | day }}', {})).toBe('5 December 2026 31 January 2027');
  });

  it('resolves relative includes as the plain loader does, with or without caching', () => {
    const plain = new nunjucks.FileSystemLoader([]);
    const cached = viewEnvironment(true);
    const from = '/x/govuk/components/radios/macro.njk';
    const loader = (cached as unknown as { loaders: nunjucks.Loader[] }).loaders[0];
    expect(loader.resolve(from, './template.njk')).toBe(plain.resolve(from, './template.njk'));
    expect(loader.resolve(from, '../hint/macro.njk')).toBe(plain.resolve(from, '../hint/macro.njk'));
    expect(loader.resolve(from, './template.njk')).toBe('/x/govuk/components/radios/template.njk');
  });

  it('renders GOV.UK macros as nunjucks compiling them itself does', () => {
    const page = `{% from "govuk/components/radios/macro.njk" import govukRadios %}{{ govukRadios({ name: "x", fieldset: { legend: { text: "Pick" } },
      hint: { text: "One" }, items: [{ value: "a", text: "A", checked: true }, { value: "b", text: "B & <b>" }] }) }}`;
    const plain = new nunjucks.Environment(new nunjucks.FileSystemLoader([GOVUK_FRONTEND_DIST], { noCache: true }), { autoescape: true });
    plain.addFilter('trim', (value: string) => env.getFilter('trim')(value));
    expect(env.renderString(page, {})).toBe(plain.renderString(page, {}));
    expect(env.renderString(page, {})).toContain('B &amp; &lt;b&gt;');
  });

  describe('templates read again on every render (outside production)', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'joinedup-views-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('compiles a template once per version of its file, and shows a changed file at once', () => {
      const loader = new CompilingLoader([dir], { noCache: true });
      const changing = new nunjucks.Environment(loader, { autoescape: true });
      loader.environment = changing as never;
      const compile = jest.spyOn((nunjucks as unknown as { compiler: { compile: () => string } }).compiler, 'compile');
      try {
        writeFileSync(join(dir, 'page.njk'), 'Hello {{ name }}{% include "part.njk" %}');
        writeFileSync(join(dir, 'part.njk'), '!');
        expect(changing.render('page.njk', { name: '<you>' })).toBe('Hello &lt;you&gt;!');
        expect(changing.render('page.njk', { name: 'again' })).toBe('Hello again!');
        expect(compile).toHaveBeenCalledTimes(2);
        writeFileSync(join(dir, 'part.njk'), '?');
        expect(changing.render('page.njk', { name: 'you' })).toBe('Hello you?');
        expect(compile).toHaveBeenCalledTimes(3);
      } finally {
        compile.mockRestore();
      }
    });

    it('names the template of a syntax error', () => {
      const loader = new CompilingLoader([dir], { noCache: true });
      const changing = new nunjucks.Environment(loader);
      loader.environment = changing as never;
      writeFileSync(join(dir, 'broken.njk'), 'a {% if %}');
      expect(() => changing.render('broken.njk', {})).toThrow(/broken\.njk/);
    });
  });
});
