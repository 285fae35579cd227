import { KeptPages, ResponseSecrets } from './kept-pages';
import { viewEnvironment } from './views';

const views = viewEnvironment(true);
const render = (view: string) => jest.fn((context: Record<string, unknown>) => views.render(view, context));

/** A survey form's page context (the statements' part is any kept HTML). */
const surveyForm = (roundTitle = 'Spring health check') => ({
  title: roundTitle,
  questions: { roundTitle, localityName: 'North & East', organisationName: 'Body <1>', closesOn: '2027-03-01', statements: [] },
  action: '/health-check',
  statementIds: 'a,b',
  statementFields: '<div class="govuk-form-group">kept part</div>',
  errors: [],
});

const secrets = (n: number): ResponseSecrets => ({ cspNonce: `nOnce+/${n}Aa==`, csrfToken: `tok_en-${n}${'x'.repeat(36)}` });

describe('KeptPages', () => {
  it('gives byte for byte the page a render with the same secrets gives, rendering it once', () => {
    const pages = new KeptPages(10);
    const renderSurvey = render('health-check/answers.njk');
    for (const n of [1, 2, 3]) {
      const fresh = views.render('health-check/answers.njk', { ...surveyForm(), ...secrets(n) });
      expect(pages.render('health-check/answers.njk', surveyForm(), secrets(n), renderSurvey)).toBe(fresh);
      // Both secrets are in the page: the nonce twice (two inline scripts), the token in the form.
      expect(fresh.split(secrets(n).cspNonce)).toHaveLength(3);
      expect(fresh).toContain(`name="_csrf" value="${secrets(n).csrfToken}"`);
    }
    expect(renderSurvey).toHaveBeenCalledTimes(1);
  });

  it('renders again for other data or another view', () => {
    const pages = new KeptPages(10);
    const renderSurvey = render('health-check/answers.njk');
    pages.render('health-check/answers.njk', surveyForm(), secrets(1), renderSurvey);
    const other = pages.render('health-check/answers.njk', surveyForm('Autumn health check'), secrets(1), renderSurvey);
    expect(other).toContain('Autumn health check');
    expect(renderSurvey).toHaveBeenCalledTimes(2);
    const message = { title: 'Page not found', lines: ['Check the address.'] };
    expect(pages.render('message.njk', message, secrets(4), render('message.njk'))).toBe(views.render('message.njk', { ...message, ...secrets(4) }));
    expect(pages.size).toBe(3);
  });

  it('keeps by the key given instead of the context: one render per key', () => {
    const pages = new KeptPages(10);
    const renderSurvey = render('health-check/answers.njk');
    const first = pages.render('health-check/answers.njk', surveyForm(), secrets(1), renderSurvey, 'round 1');
    expect(pages.render('health-check/answers.njk', surveyForm(), secrets(2), renderSurvey, 'round 1')).toBe(first.split(secrets(1).cspNonce).join(secrets(2).cspNonce).split(secrets(1).csrfToken).join(secrets(2).csrfToken));
    pages.render('health-check/answers.njk', surveyForm(), secrets(1), renderSurvey, 'round 2');
    expect(renderSurvey).toHaveBeenCalledTimes(2);
  });

  it('keeps nothing with max 0, and renders afresh a secret that escaping would change', () => {
    const none = new KeptPages(0);
    const renderSurvey = render('health-check/answers.njk');
    none.render('health-check/answers.njk', surveyForm(), secrets(1), renderSurvey);
    none.render('health-check/answers.njk', surveyForm(), secrets(1), renderSurvey);
    expect(renderSurvey).toHaveBeenCalledTimes(2);
    expect(none.size).toBe(0);

    const pages = new KeptPages(10);
    const odd = { cspNonce: 'a"<b', csrfToken: 't' };
    const page = pages.render('health-check/answers.njk', surveyForm(), odd, render('health-check/answers.njk'));
    expect(page).toBe(views.render('health-check/answers.njk', { ...surveyForm(), ...odd }));
    expect(page).toContain('nonce="a&quot;&lt;b"');
    expect(pages.size).toBe(0);
  });
});
