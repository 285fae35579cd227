import { Request, Response } from 'express';
import { MIN_PASSWORD_LENGTH } from '@joinedup/auth';
import { WebSetPasswordDocument, WebSignInLinkDocument } from '../graphql/generated';
import { PageError } from '../graphql-runner';
import { FieldError } from '../health-check/answer-form';
import { FormReader } from '../manage/form-reader';
import { SignedInSession } from '../session/signed-in';
import { fieldErrorsOf, WebKit } from '../web-kit';
import { SET_PASSWORD_PATH } from './admin-paths';

/** The emailed link's token, moved here from the link's URL on its first request. */
const LINK_COOKIE = 'joinedup_sign_in_link';

/**
 * A sign-in link (MAIL_WEB_BASE + set-password/<token>) lands on /set-password/<token>,
 * which keeps the token in an httpOnly cookie and redirects to /set-password (as the
 * health-check link does), so the token is in no later URL, Referer or history entry.
 * There the user chooses a password, with the API's password policy, and is signed in.
 */
export function registerSetPasswordPages(kit: WebKit, session: SignedInSession): void {
  kit.get(`${SET_PASSWORD_PATH}/:token`, async (req, res) => {
    kit.cookie(res, LINK_COOKIE, String(req.params.token).slice(0, 300), SET_PASSWORD_PATH);
    res.redirect(303, SET_PASSWORD_PATH);
  });

  kit.get(SET_PASSWORD_PATH, async (req, res) => show(req, res, []));

  kit.post(SET_PASSWORD_PATH, async (req, res) => {
    const form = new FormReader(req.body ?? {});
    const password = form.password('password', 'a password');
    if (!form.ok) return show(req, res, form.errors);
    const token = tokenOf(req);
    if (!token) return cannotUse(res);
    const result = await kit.run(WebSetPasswordDocument, { input: { token, password } }, req);
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT') return show(req, res, [{ href: '#password', text: error.message }]);
    if (error?.extensions.code === 'NOT_FOUND') return cannotUse(res, error);
    if (error) return kit.refusal(res, error);
    const signedIn = result.data!.setPasswordWithLink;
    session.keep(res, signedIn);
    kit.newSession(res);
    res.clearCookie(LINK_COOKIE, { path: SET_PASSWORD_PATH });
    // A member representative starts at their body's page; everyone else at Your JoinedUp.
    res.redirect(303, signedIn.user.role === 'MEMBER_REPRESENTATIVE' && signedIn.user.organisationId ? `/bodies/${signedIn.user.organisationId}` : '/home');
  });

  async function show(req: Request, res: Response, errors: FieldError[]): Promise<void> {
    const token = tokenOf(req);
    if (!token) return cannotUse(res);
    const result = await kit.run(WebSignInLinkDocument, { token }, req);
    const error = result.errors?.[0];
    if (error?.extensions.code === 'NOT_FOUND') return cannotUse(res, error);
    if (error) return kit.refusal(res, error);
    // The password typed is never sent back.
    kit.render(res, 'admin/set-password.njk', { title: 'Choose your password', minLength: MIN_PASSWORD_LENGTH, link: result.data!.signInLink, path: SET_PASSWORD_PATH, errors, fieldErrors: fieldErrorsOf(errors) }, errors.length ? 400 : 200);
  }

  function tokenOf(req: Request): string | undefined {
    const token: unknown = req.cookies?.[LINK_COOKIE];
    return typeof token === 'string' && token ? token : undefined;
  }

  function cannotUse(res: Response, error?: PageError): void {
    res.clearCookie(LINK_COOKIE, { path: SET_PASSWORD_PATH });
    kit.message(res, 404, 'This link cannot be used', error?.message ?? 'Open the link from your email again, or ask a tenant administrator of your organisation to send you a new one.');
  }
}
