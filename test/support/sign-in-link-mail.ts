import { eventually } from './eventually';
import { SmtpCatcher } from './smtp-catcher';

/**
 * The path of the n-th sign-in link emailed to `email`, once it arrived. Only the path: the
 * link's host is MAIL_WEB_BASE, which is not the port of a test's app.
 */
export async function emailedSignInPath(smtp: SmtpCatcher, email: string, n = 1): Promise<string> {
  await eventually(() => smtp.to(email).length >= n, 20_000, () => `${smtp.to(email).length} of ${n} emails to ${email}`);
  const link = /https?:\/\/\S+\/set-password\/\S+/.exec(smtp.to(email)[n - 1].parsed.text ?? '')![0];
  return new URL(link).pathname;
}
