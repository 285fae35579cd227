import { renderMail } from '@joinedup/mail';
import { InvitationMailFacts, invitationMail, longDay, reminderMail } from './invitation-mail';

const facts: InvitationMailFacts = {
  personName: 'Ann <b>O’Hara</b>',
  organisationName: 'Sunderland & District Council',
  roundTitle: 'Spring check',
  localityName: 'Sunderland',
  programmeName: null,
  opensOn: '2026-12-01',
  closesOn: '2026-12-08',
  minGroupSize: 5,
  contact: { name: 'Cora Ordinator', email: 'cora@example.org' },
  sentOn: '2026-12-01',
};
const LINK = 'https://joinedup.example/health-check/start/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';

describe('health-check emails', () => {
  it('writes days as GOV.UK does', () => {
    expect(longDay('2026-12-08')).toBe('Tuesday 8 December 2026');
  });

  it('invitation: the person’s own link, the close, why it is anonymous and whom to ask', () => {
    const { subject, text, html } = renderMail(invitationMail(facts, LINK, '2026-12-02'));
    expect(subject).toBe('Your link to the health check of Sunderland’s partnership: Spring check');
    expect(text).toContain('Dear Ann <b>O’Hara</b>,');
    expect(text).toContain(`\n\n${LINK}\n\n`);
    expect(text).toContain('closes at the end of Tuesday 8 December 2026');
    expect(text).toContain('Why your answers are anonymous');
    expect(text).toContain('groups of at least 5 people');
    expect(text).toContain('contact Cora Ordinator (cora@example.org)');
    expect(text).toContain('Your answers count for Sunderland & District Council.');
    expect(html).toContain(`<a href="${LINK}"`);
    expect(html).toContain('Dear Ann &lt;b&gt;O’Hara&lt;/b&gt;,');
    expect(html).toContain('Sunderland &amp; District Council');
    expect(html).not.toContain('<b>');
  });

  it('invitation to a round not open yet says from when', () => {
    const { text } = renderMail(invitationMail({ ...facts, programmeName: 'Safer Streets' }, LINK, '2026-11-20'));
    expect(text).toContain('You can answer from Tuesday 1 December 2026 until Tuesday 8 December 2026');
    expect(text).toContain('the health check of Safer Streets in Sunderland');
  });

  it('reminder: no link at all, says to ignore it if answered and to use the invitation’s link', () => {
    const { subject, text, html } = renderMail(reminderMail(facts));
    expect(subject).toBe('Reminder: the health check of Sunderland’s partnership closes on Tuesday 8 December 2026');
    expect(text).toContain('If you have answered already, thank you: please ignore this email.');
    expect(text).toContain('JoinedUp cannot tell who has answered');
    expect(text).toContain('the link in your invitation email of Tuesday 1 December 2026');
    expect(text).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<a |https?:/);
    expect(renderMail(reminderMail({ ...facts, contact: null })).text).toContain('contact your partnership coordinator');
  });
});
