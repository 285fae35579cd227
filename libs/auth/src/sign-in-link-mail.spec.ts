import { renderMail } from '@joinedup/mail';
import { signInLinkMail } from './sign-in-link-mail';

describe('signInLinkMail', () => {
  const facts = {
    displayName: 'Ann <O’Hara>',
    email: 'ann@example.org',
    tenantName: 'Tyne & Wear',
    tenantSlug: 'tyne-wear',
    requestedBy: { name: 'Ada Admin', email: 'ada@example.org' },
    expiresAt: new Date('2026-12-12T23:18:00Z'),
  };

  it('gives the link, its expiry and what to sign in with, escaped in HTML', () => {
    const mail = renderMail(signInLinkMail(facts, 'http://127.0.0.1:3000/set-password/t.l.s'));
    expect(mail.subject).toBe('Choose your password for JoinedUp (Tyne & Wear)');
    expect(mail.text).toContain('http://127.0.0.1:3000/set-password/t.l.s');
    expect(mail.text).toContain('until 12 December 2026 at 23:18 UTC');
    expect(mail.text).toContain('Your organisation’s JoinedUp name: tyne-wear');
    expect(mail.text).toContain('Ada Admin (ada@example.org) has given you an account');
    expect(mail.html).toContain('Dear Ann &lt;O’Hara&gt;,');
  });

  it('says who to tell when nobody is named', () => {
    expect(renderMail(signInLinkMail({ ...facts, requestedBy: null }, 'http://x/')).text).toContain('tell your tenant administrator');
  });
});
