import nunjucks from 'nunjucks';
import { viewEnvironment } from './views';

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
});
