import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import { WebMailPreferencesDocument, WebUnsubscribeDocument, WebUnsubscribeLinkDocument, WebUpdateMailPreferencesDocument } from '../graphql/generated';
import { SignedInSession } from '../session/signed-in';
import { fieldErrorsOf, paramOf, WebKit } from '../web-kit';
import { MAIL_KIND_CHOICES, readMailPreferences } from './mail-preferences-form';

const DIGEST_READERS = ['COORDINATOR', 'REVIEWER'];

/**
 * The signed-in user's mail preferences (checkboxes, one per kind), and the page an
 * unsubscribe link opens: GET only shows what the link stops, with a button (link
 * scanners open links); the POST stops it, and is also the target of mail clients'
 * one-click unsubscribe (RFC 8058), which sends no cookies, hence no CSRF token.
 */
export function registerMailPreferencesPages(kit: WebKit, session: SignedInSession): void {
  async function form(req: Request, res: Response, kindsOn?: string[], errors: FieldError[] = [], saved = false): Promise<void> {
    const result = await session.run(req, res, WebMailPreferencesDocument, {});
    if (!result) return res.redirect(303, '/sign-in');
    if (result.errors?.[0]) return kit.refused(res, result.errors[0]);
    const { me, myMailPreferences } = result.data!;
    kit.render(
      res,
      'mail-preferences/preferences.njk',
      {
        title: 'Your email preferences',
        me,
        digestSent: DIGEST_READERS.includes(me.role),
        choices: MAIL_KIND_CHOICES,
        kindsOn: kindsOn ?? myMailPreferences.kindsOn,
        saved,
        errors,
        fieldErrors: fieldErrorsOf(errors),
      },
      errors.length ? 400 : 200,
    );
  }

  kit.get('/mail-preferences', async (req, res) => form(req, res, undefined, [], req.query.saved === '1'));

  kit.post('/mail-preferences', async (req, res) => {
    const { kindsOn, errors } = readMailPreferences(req.body ?? {});
    if (errors.length) return form(req, res, kindsOn, errors);
    const result = await session.run(req, res, WebUpdateMailPreferencesDocument, { input: { kindsOn } });
    if (!result) return res.redirect(303, '/sign-in');
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT') return form(req, res, kindsOn, [{ href: '#kinds', text: error.message }]);
    if (error) return kit.refused(res, error);
    res.redirect(303, '/mail-preferences?saved=1');
  });

  kit.get('/unsubscribe/:token', async (req, res) => {
    const result = await kit.run(WebUnsubscribeLinkDocument, { token: paramOf(req, 'token') }, req);
    if (result.errors?.[0]) return kit.refused(res, result.errors[0]);
    kit.render(res, 'mail-preferences/unsubscribe.njk', { title: 'Stop these emails', link: result.data!.mailUnsubscribeLink });
  });

  kit.postOneClick('/unsubscribe/:token', async (req, res) => {
    const result = await kit.run(WebUnsubscribeDocument, { token: paramOf(req, 'token') }, req);
    if (result.errors?.[0]) return kit.refused(res, result.errors[0]);
    const { kind, kindName } = result.data!.unsubscribeFromMail;
    // People invited to a health check are not users: they have no preferences page.
    const more = kind === 'HEALTH_CHECK' ? [] : ['To choose which emails you get, sign in and go to Your email preferences.'];
    kit.message(res, 200, 'You have unsubscribed', `You will no longer get ${kindName}.`, ...more);
  });
}
