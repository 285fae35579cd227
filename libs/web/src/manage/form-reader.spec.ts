import { FormReader } from './form-reader';

describe('FormReader', () => {
  it('trims, bounds and says what to enter', () => {
    const form = new FormReader({ name: '  Pathway  ', long: 'x'.repeat(201), empty: '' });
    expect(form.text('name', { what: 'a name', max: 200 })).toBe('Pathway');
    form.text('long', { what: 'a title', max: 200 });
    form.text('empty', { what: 'a name', max: 200, example: 'Pathway' });
    expect(form.text('optional', { what: 'a note', max: 10, required: false })).toBe('');
    expect(form.errors).toEqual([
      { href: '#long', text: 'Enter a title in 200 characters or fewer' },
      { href: '#empty', text: 'Enter a name, for example Pathway' },
    ]);
  });

  it('keeps only allowed choices and ids', () => {
    const id = '0b0f8e4e-6a1e-4a43-9f5e-0a7b7c4c1d11';
    const form = new FormReader({ status: 'ACTIVE', bad: 'DROP TABLE', ids: [id, 'nope', id], who: id.toUpperCase() });
    expect(form.choice('status', [{ value: 'ACTIVE' }, { value: 'DRAFT' }], 'a status')).toBe('ACTIVE');
    expect(form.choice('bad', [{ value: 'ACTIVE' }], 'a status')).toBeUndefined();
    expect(form.many('ids', [id], 'bodies')).toEqual([id]);
    expect(form.id('who', 'a person')).toBe(id);
    expect(form.errors.map((e) => e.href)).toEqual(['#bad']);
  });

  it('reads numbers within their bounds', () => {
    const form = new FormReader({ days: '14', big: '400', frac: '1.5', target: '1,200.5', neg: '-3' });
    expect(form.whole('days', { what: 'due days', min: 1, max: 365 })).toBe(14);
    expect(form.whole('big', { what: 'due days', min: 1, max: 365 })).toBeUndefined();
    expect(form.whole('frac', { what: 'due days', min: 1, max: 365 })).toBeUndefined();
    expect(form.decimal('target', { what: 'the target' })).toBe(1200.5);
    expect(form.decimal('neg', { what: 'the target', min: 0, max: 100 })).toBeUndefined();
    expect(form.errors.map((e) => e.href)).toEqual(['#big', '#frac', '#neg']);
  });

  it('reads GOV.UK date inputs to a calendar day', () => {
    const form = new FormReader({ 'due-day': '29', 'due-month': '2', 'due-year': '2028', 'bad-day': '30', 'bad-month': '2', 'bad-year': '2027' });
    expect(form.day('due', 'the due day')).toBe('2028-02-29');
    expect(form.day('bad', 'the due day')).toBeUndefined();
    expect(form.day('none', 'the start day', false)).toBeUndefined();
    expect(form.errors).toEqual([{ href: '#bad-day', text: 'Enter the due day as a real date, for example 27 3 2027' }]);
  });

  it('reads email addresses and passwords as typed', () => {
    const form = new FormReader({ email: ' ann@example.org ', bad: 'ann@example', none: '', password: '  two spaces  ', long: 'p'.repeat(201) });
    expect(form.email('email')).toBe('ann@example.org');
    form.email('bad');
    form.email('none', 'their email address');
    expect(form.password('password', 'a password')).toBe('  two spaces  ');
    form.password('long', 'a password');
    form.password('missing', 'a password');
    expect(form.errors).toEqual([
      { href: '#bad', text: 'Enter an email address in the correct format, like name@example.org' },
      { href: '#none', text: 'Enter their email address, for example name@example.org' },
      { href: '#long', text: 'Enter a password in 200 characters or fewer' },
      { href: '#missing', text: 'Enter a password' },
    ]);
  });

  it('reads https links only, empty when optional', () => {
    const form = new FormReader({ ok: ' https://example.org/briefing?x=1 ', http: 'http://example.org', auth: 'https://a:b@example.org', word: 'example', host: 'https://localhost', long: `https://example.org/${'x'.repeat(30)}` });
    expect(form.link('ok', { what: 'the link', max: 2000 })).toBe('https://example.org/briefing?x=1');
    expect(form.link('none', { what: 'the link', max: 2000 })).toBe('');
    for (const name of ['http', 'auth', 'word', 'host']) form.link(name, { what: 'the link', max: 2000 });
    form.link('long', { what: 'the link', max: 20 });
    expect(form.errors).toEqual([
      ...['http', 'auth', 'word', 'host'].map((name) => ({ href: `#${name}`, text: 'Enter the link starting https://, for example https://example.org/briefing' })),
      { href: '#long', text: 'Enter the link in 20 characters or fewer' },
    ]);
  });
});
