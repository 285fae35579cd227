import { renderMail } from '@joinedup/mail';
import { weeklyDigestMail } from './weekly-digest-mail';

const base = {
  recipientName: 'Ada <Coordinator>',
  week: '2026-W50',
  webBase: 'https://j.example/',
  unsubscribeUrl: 'https://j.example/unsubscribe/abc.def',
};

describe('the weekly digest', () => {
  it('gives each locality its counts, health change and links, and links to stop it', () => {
    const { subject, text, html } = renderMail(
      weeklyDigestMail({
        ...base,
        localities: [
          {
            id: 'L1',
            name: 'North & East',
            raised: 7,
            resolved: 1,
            raisedFlags: [{ id: 'F1', message: 'No agreed leader <urgent>' }],
            resolvedFlags: [{ id: 'F2', message: 'Review overdue' }],
            healthBefore: 60,
            healthNow: 52,
          },
        ],
      }),
    );
    expect(subject).toBe('JoinedUp weekly digest, 2026-W50');
    expect(text).toContain('7 flags raised, 1 flags resolved. Health: 52 out of 100, down 8 from 60 a week ago.');
    expect(text).toContain('* No agreed leader <urgent> https://j.example/flags/F1');
    expect(text).toContain('* and 6 more');
    expect(text).toContain('https://j.example/localities/L1');
    expect(text).toContain('https://j.example/unsubscribe/abc.def');
    expect(html).toContain('North &amp; East');
    expect(html).toContain('No agreed leader &lt;urgent&gt;');
    expect(html).not.toContain('<urgent>');
  });

  it('says when nothing changed, and when there is no score to compare', () => {
    expect(renderMail(weeklyDigestMail({ ...base, localities: [] })).text).toContain('No flags were raised or resolved');
    const text = renderMail(
      weeklyDigestMail({ ...base, localities: [{ id: 'L', name: 'L', raised: 0, resolved: 0, raisedFlags: [], resolvedFlags: [], healthBefore: null, healthNow: 70 }] }),
    ).text;
    expect(text).toContain('Health: 70 out of 100 (no score from a week ago to compare).');
  });
});
