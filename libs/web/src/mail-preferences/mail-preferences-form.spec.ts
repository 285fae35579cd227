import { readMailPreferences } from './mail-preferences-form';

describe('the mail preferences form', () => {
  it('reads one ticked kind, several, or none (no mail at all), in MailKind order', () => {
    expect(readMailPreferences({ kinds: 'IMPROVEMENT_REVIEW_DUE' })).toEqual({ kindsOn: ['IMPROVEMENT_REVIEW_DUE'], errors: [] });
    expect(readMailPreferences({ kinds: ['IMPROVEMENT_REVIEW_DUE', 'DIGEST'] })).toEqual({ kindsOn: ['DIGEST', 'IMPROVEMENT_REVIEW_DUE'], errors: [] });
    expect(readMailPreferences({})).toEqual({ kindsOn: [], errors: [] });
  });

  it('refuses values that are not kinds, saying what to do', () => {
    for (const kinds of ['NEWSLETTER', ['DIGEST', 'x'], [{}], Array(20).fill('DIGEST')]) {
      expect(readMailPreferences({ kinds })).toEqual({ kindsOn: [], errors: [{ href: '#kinds', text: 'Choose only from the kinds of email listed' }] });
    }
  });
});
