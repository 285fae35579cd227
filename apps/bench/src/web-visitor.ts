import { CookieJar, formToken } from './cookie-jar';
import { Answer, httpAnswer } from './http-answer';

/** The access-token cookie the web sign-in sets (libs/web/src/session/signed-in.ts). */
const ACCESS_COOKIE = 'joinedup_access';

/** A browser as the pages see it: its cookies, and the GETs and form POSTs it sends. */
export class WebVisitor {
  readonly cookies = new CookieJar();

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<Answer> {
    const answer = await httpAnswer(`${this.baseUrl}${path}`, { method: 'GET', headers: { cookie: this.cookies.header() } });
    this.cookies.take(answer.headers['set-cookie']);
    return answer;
  }

  /** Fills the form of the page at `path` (with its CSRF token) and sends it, as a browser without JavaScript would. */
  async submit(path: string, fields: Record<string, string>): Promise<Answer> {
    const form = await this.get(path);
    const csrf = formToken(form.body.toString('utf8'));
    if (form.status !== 200 || !csrf) throw new Error(`GET ${path} gave no form to fill (${form.status})`);
    const body = new URLSearchParams({ _csrf: csrf, ...fields }).toString();
    const answer = await httpAnswer(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookies.header() },
      body,
    });
    this.cookies.take(answer.headers['set-cookie']);
    return answer;
  }

  /** Signs in through /sign-in; the session's cookies are kept for the pages that follow. */
  async signIn(tenant: string, email: string, password: string): Promise<this> {
    const answer = await this.submit('/sign-in', { tenant, email, password });
    if (answer.status !== 303 || answer.headers.location !== '/home') throw new Error(`web sign-in of ${email} failed (${answer.status})`);
    return this;
  }

  /** The session's access token, as the API's own clients send it (the same session as the pages use). */
  get accessToken(): string {
    const token = this.cookies.get(ACCESS_COOKIE);
    if (!token) throw new Error('not signed in');
    return token;
  }
}
