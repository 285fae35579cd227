import { Logger } from '@nestjs/common';
import { Express, NextFunction, Request, RequestHandler, Response, Router } from 'express';
import nunjucks from 'nunjucks';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CsrfTokens } from './csrf';
import { FieldError } from './health-check/answer-form';
import { GraphQLRunner, PageError, PageResult } from './graphql-runner';
import { KeptPages } from './kept-pages';
import { RenderedParts } from './rendered-parts';

/** A route parameter as text (Express's types allow a list, which only wildcard routes give). */
export function paramOf(req: Request, name: string): string {
  const value = req.params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}

/** The browser session id cookie the CSRF tokens are bound to. */
export const SESSION_COOKIE = 'joinedup_session';

/** The error summary's messages by field, for each field's own message (a date's `#closesOn-day` → closesOn). */
export function fieldErrorsOf(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.href.slice(1).replace(/-day$/, ''), e.text]));
}

/** A record id as the API writes them (a UUID). */
export const isId = (raw: unknown): raw is string => typeof raw === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw);

/** The next page's cursor, from the query string (bounded as the API bounds it); `name` for a page of several lists. */
export function cursorOf(req: Request, name = 'after'): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && value ? value.slice(0, 500) : undefined;
}

export type Handler = (req: Request, res: Response) => Promise<void>;

/** Why a multipart form's body could not be read (see WebKit.postMultipart), if it could not. */
export const uploadErrorOf = (res: Response): string | undefined => res.locals.uploadError as string | undefined;

/** The first segment of a path ('' for '/'), in lower case as Express matches routes: what a request must start with to reach a page. */
const firstSegment = (path: string): string => (path.split('/', 2)[1] ?? '').toLowerCase();

/** What every page handler uses: rendering, its one GraphQL document, the CSRF check and cookies. */
export class WebKit {
  private readonly logger = new Logger('Web');
  /** The pages' routes, one layer of the app's router: a request for none of them (GraphQL) skips them all at once. */
  private readonly routes = Router();
  /** The first path segments the pages are under. */
  private readonly segments = new Set<string>();

  constructor(
    http: Express,
    /** Run before every page (request context, cookies, security headers, session). */
    private readonly before: RequestHandler[],
    private readonly views: nunjucks.Environment,
    private readonly graphql: GraphQLRunner,
    private readonly csrf: CsrfTokens,
    /** Secure cookies outside development and tests (those run on plain http://127.0.0.1). */
    readonly secureCookies: boolean,
    private readonly parts: RenderedParts,
    private readonly pages: KeptPages,
  ) {
    // Express tries each route in turn: mounted whole, the pages cost other requests one look-up, not one per route.
    http.use((req, res, next) => (this.segments.has(firstSegment(req.path)) ? this.routes(req, res, next) : next()));
  }

  get(path: string, handler: Handler): void {
    this.route(path).get(...this.before, this.session, this.page(handler));
  }

  /** A form's target: refused without this session's CSRF token, before anything is read or written. */
  post(path: string, handler: Handler): void {
    this.route(path).post(...this.before, this.session, this.page(this.form(handler)));
  }

  /**
   * A form sent as multipart/form-data (a file upload), whose CSRF token is one of its parts:
   * `parse` (multer, with its limits on size and parts) reads the body into memory first,
   * then the token is checked as for any form, before the handler reads or sends anything.
   * A body over the limits is not refused here: `uploadErrorOf(res)` gives the handler its
   * code (e.g. LIMIT_FILE_SIZE) to show beside the field, once the token has been checked.
   */
  postMultipart(path: string, parse: RequestHandler, handler: Handler): void {
    const parsed: RequestHandler = (req, res, next) =>
      parse(req, res, (error?: unknown) => {
        if (error) res.locals.uploadError = (error as { code?: string }).code ?? 'UNREADABLE';
        next();
      });
    this.route(path).post(...this.before, this.session, parsed, this.page(this.form(handler)));
  }

  /**
   * A target mail clients POST to without cookies (RFC 8058 one-click unsubscribe): no CSRF
   * check, so its address alone must authorise it (a signed token) and repeating it must be harmless.
   */
  postOneClick(path: string, handler: Handler): void {
    this.route(path).post(...this.before, this.session, this.page(handler));
  }

  /** The route of a page's path (a literal first segment: what lets other requests pass the pages by). */
  private route(path: string) {
    const segment = firstSegment(path);
    if (/[:*?(]/.test(segment)) throw new Error(`A page's path must start with a literal segment: ${path}`);
    this.segments.add(segment);
    return this.routes.route(path);
  }

  render(res: Response, view: string, context: Record<string, unknown>, status = 200): void {
    const html = this.views.render(view, { ...context, cspNonce: res.locals.cspNonce, csrfToken: res.locals.csrfToken });
    res.status(status).type('html').send(html);
  }

  /**
   * A page (200) many requests show with the same data (a blank survey form, a locality's health):
   * rendered once per view and context and kept (KeptPages), each response with its own
   * nonce and CSRF token. The context must be plain data (it is keyed as JSON), or `key`
   * must name everything the page shows.
   */
  renderKept(res: Response, view: string, context: Record<string, unknown>, key?: string): void {
    const secrets = { cspNonce: res.locals.cspNonce as string, csrfToken: res.locals.csrfToken as string };
    const html = this.pages.render(view, context, secrets, (withSecrets) => this.views.render(view, withSecrets), key);
    res.type('html').send(html);
  }

  /**
   * A part of a page (a template without the layout), to be shown in it with `| safe`. With
   * a key it is rendered once and kept: the key must name everything the part shows, and
   * the part must hold nothing of one visitor (no token, no answer, no error).
   */
  part(view: string, context: Record<string, unknown>, key?: string): string {
    const render = () => this.views.render(view, context);
    return key === undefined ? render() : this.parts.get(`${view}\0${key}`, render);
  }

  message(res: Response, status: number, title: string, ...lines: string[]): void {
    this.render(res, 'message.njk', { title, lines }, status);
  }

  run<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables, req: Request): Promise<PageResult<TResult>> {
    return this.graphql.run(document, variables, req);
  }

  cookie(res: Response, name: string, value: string, path: string, maxAgeMs?: number): void {
    res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: this.secureCookies, path, maxAge: maxAgeMs });
  }

  /** A new browser-session id (at sign-in and sign-out), so no form token of before works after. */
  newSession(res: Response): void {
    this.cookie(res, SESSION_COOKIE, CsrfTokens.newSessionId(), '/');
  }

  /** Gives the browser a session id (once) and this response's CSRF token for its forms. */
  private session = (req: Request, res: Response, next: NextFunction): void => {
    let id: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(id)) {
      id = CsrfTokens.newSessionId();
      this.cookie(res, SESSION_COOKIE, id as string, '/');
    }
    res.locals.csrfToken = this.csrf.tokenFor(id as string);
    next();
  };

  private form(handler: Handler): Handler {
    return async (req, res) => {
      if (!this.csrf.verify(req.cookies?.[SESSION_COOKIE], req.body?._csrf)) {
        return this.message(res, 403, 'This form could not be sent', 'The page you sent it from had expired. Go back, reload the page and send it again.');
      }
      return handler(req, res);
    };
  }

  /** A handler whose unexpected failures show a plain page (the log has the error, never the form). */
  private page(handler: Handler): Handler {
    return async (req, res) => {
      try {
        await handler(req, res);
      } catch (error) {
        this.logger.error(error instanceof Error ? error : String(error));
        if (!res.headersSent) this.message(res, 500, 'Sorry, there is a problem with the service', 'Try again later.');
      }
    };
  }

  /** A refusal of a signed-in page's document, as a page in the API's words: not found, not allowed, not now. */
  refused(res: Response, error: PageError): void {
    const code = error.extensions.code;
    if (code === 'NOT_FOUND') return this.message(res, 404, 'Page not found', error.message);
    if (code === 'FORBIDDEN') return this.message(res, 403, 'You cannot do this', error.message);
    if (code === 'CONFLICT') return this.message(res, 409, 'This cannot be done now', error.message);
    if (code === 'BAD_USER_INPUT') return this.message(res, 400, 'This page cannot be shown', error.message);
    this.refusal(res, error);
  }

  /** Addresses whose ids are not ids are not pages: true when the 404 page was sent. */
  badAddress(req: Request, res: Response, ...names: string[]): boolean {
    if (names.every((name) => isId(req.params[name]))) return false;
    this.message(res, 404, 'Page not found', 'Check the address, or go back to Your JoinedUp.');
    return true;
  }

  /** A GraphQL error a page does not handle itself: refusals are shown as the API words them. */
  refusal(res: Response, error: PageError): void {
    if (error.extensions.code === 'FORBIDDEN') return this.message(res, 429, 'Too many tries', error.message);
    throw new Error(`Unexpected ${error.extensions.code} from a page document`);
  }
}
