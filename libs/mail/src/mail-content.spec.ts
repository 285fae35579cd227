import { escapeHtml, renderMail } from './mail-content';

describe('renderMail', () => {
  const content = {
    subject: 'Your   health check\nfor <Sunderland>',
    blocks: [
      { kind: 'heading' as const, text: 'Spring & "autumn"' },
      { kind: 'paragraph' as const, text: 'Dear <script>alert(1)</script> O\'Brien,' },
      { kind: 'link' as const, url: 'https://joinedup.example/health-check/start/abc?x=1&y="2"' },
      { kind: 'link' as const, url: 'javascript:alert(1)' },
      { kind: 'inset' as const, text: 'Closes on 2026-12-08' },
      { kind: 'bullets' as const, items: ['one <b>', 'two'] },
    ],
  };

  it('escapes every value in the HTML, and makes anchors of http(s) links only', () => {
    const { html } = renderMail(content);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien,');
    expect(html).toContain('Spring &amp; &quot;autumn&quot;');
    expect(html).toContain('<a href="https://joinedup.example/health-check/start/abc?x=1&amp;y=&quot;2&quot;"');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<li style="margin: 5px 0 5px 0;">one &lt;b&gt;</li>');
    expect(html).toContain('<title>Your health check for &lt;Sunderland&gt;</title>');
  });

  it('writes the plain text as it is, links in full on lines of their own', () => {
    const { subject, text } = renderMail(content);
    expect(subject).toBe('Your health check for <Sunderland>');
    expect(text).toBe(
      [
        'Spring & "autumn"\n-----------------',
        "Dear <script>alert(1)</script> O'Brien,",
        'https://joinedup.example/health-check/start/abc?x=1&y="2"',
        'javascript:alert(1)',
        '^ Closes on 2026-12-08',
        '* one <b>\n* two',
      ].join('\n\n') + '\n',
    );
  });

  it('has no images, tracking pixels or remote content', () => {
    const { html } = renderMail(content);
    expect(html).not.toMatch(/<img|<link|src=|url\(/i);
  });

  it('escapes the five characters that matter in HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
