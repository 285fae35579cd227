import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PageResult } from '../graphql-runner';
import { WebRefreshDocument, WebSignInMutation } from '../graphql/generated';
import { WebKit } from '../web-kit';

/** The tokens sign-in and refresh give (the same fields in both documents). */
export type SessionTokens = WebSignInMutation['signIn'];

const ACCESS_COOKIE = 'joinedup_access';
const REFRESH_COOKIE = 'joinedup_refresh';

/** The signed-in user's tokens: httpOnly cookies only, so page scripts (and XSS) never see them. */
export class SignedInSession {
  constructor(
    private readonly kit: WebKit,
    /** How long the cookies live: the refresh token's lifetime. */
    private readonly maxAgeMs: number,
  ) {}

  keep(res: Response, tokens: SessionTokens): void {
    this.kit.cookie(res, ACCESS_COOKIE, tokens.accessToken, '/', this.maxAgeMs);
    this.kit.cookie(res, REFRESH_COOKIE, tokens.refreshToken, '/', this.maxAgeMs);
  }

  forget(res: Response): void {
    res.clearCookie(ACCESS_COOKIE, { path: '/' });
    res.clearCookie(REFRESH_COOKIE, { path: '/' });
  }

  /**
   * Runs a page's document as the signed-in user. An access token that has expired is
   * exchanged once for a new pair (the API's refresh rules) and the document run again;
   * undefined when there is no session that works, and the caller sends the browser to sign in.
   */
  async run<TResult, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<PageResult<TResult> | undefined> {
    const access = cookieOf(req, ACCESS_COOKIE);
    if (access) {
      const result = await this.kit.run(document, variables, asUser(req, access));
      if (result.errors?.[0]?.extensions.code !== 'UNAUTHENTICATED') return result;
    }
    const refreshToken = cookieOf(req, REFRESH_COOKIE);
    if (!refreshToken) return undefined;
    const refreshed = await this.kit.run(WebRefreshDocument, { input: { refreshToken } }, req);
    if (!refreshed.data?.refreshSession) {
      this.forget(res);
      return undefined;
    }
    this.keep(res, refreshed.data.refreshSession);
    return this.kit.run(document, variables, asUser(req, refreshed.data.refreshSession.accessToken));
  }

  /**
   * A signed-in page's data, or undefined once the browser was sent to sign in or shown the
   * API's refusal in its words (a FORBIDDEN before any other error: it says more than the
   * not-found of a part the caller may not read).
   */
  async read<TResult, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult | undefined> {
    const result = await this.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return undefined;
    }
    const errors = result.errors ?? [];
    const error = errors.find((e) => e.extensions.code === 'FORBIDDEN') ?? errors[0];
    if (error) {
      this.kit.refused(res, error);
      return undefined;
    }
    return result.data!;
  }
}

function cookieOf(req: Request, name: string): string | undefined {
  const value: unknown = req.cookies?.[name];
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * The browser's request as the API's guard reads it, with the session's access token as a
 * bearer token (a fresh object each time: the guard caches who is calling on the request).
 */
function asUser(req: Request, accessToken: string): Request {
  return Object.create(req, { headers: { value: { ...req.headers, authorization: `Bearer ${accessToken}` } } }) as Request;
}
