import { loadConfig } from '@joinedup/config';
import { Mailer, MailNotSent, mailFailure } from './mailer';
import { TenantMailRate } from './tenant-mail-rate';

/** These cases never send, so never count against a rate. */
const unused = {} as TenantMailRate;

describe('Mailer', () => {
  it('is off without SMTP_URL, and says so instead of sending', async () => {
    const mailer = new Mailer(loadConfig({ NODE_ENV: 'test' }), unused);
    expect(mailer.enabled).toBe(false);
    await expect(mailer.verify()).rejects.toThrow('Sending mail is switched off (no SMTP_URL).');
  });

  it('builds a stable Message-ID from the message key and MAIL_FROM’s domain', () => {
    const mailer = new Mailer(loadConfig({ NODE_ENV: 'test', MAIL_FROM: 'Office <office@partnership.example.org>' }), unused);
    expect(mailer.messageId('health-check-invitation.0b7c')).toBe('<health-check-invitation.0b7c@partnership.example.org>');
    expect(mailer.messageId('a b<c>@d')).toBe('<a-b-c--d@partnership.example.org>');
  });

  it('tells a refusal for good (5xx for a recipient) from one that may pass, in one bounded line', () => {
    const refused = Object.assign(new Error('Recipient refused'), { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such\r\n mailbox' });
    expect(mailFailure(refused)).toEqual(new MailNotSent('EENVELOPE 550 550 5.1.1 No such mailbox', true));
    expect(mailFailure(refused).permanent).toBe(true);
    const later = Object.assign(new Error('busy'), { code: 'EENVELOPE', responseCode: 451, response: '451 try later' });
    expect(mailFailure(later).permanent).toBe(false);
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' });
    expect(mailFailure(down)).toMatchObject({ message: 'ESOCKET connect ECONNREFUSED 127.0.0.1:2525', permanent: false });
    expect(mailFailure(new Error('x'.repeat(1000))).message).toHaveLength(300);
  });
});
