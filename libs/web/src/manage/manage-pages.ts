import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PageError } from '../graphql-runner';
import { FieldError } from '../health-check/answer-form';
import { SignedInSession } from '../session/signed-in';
import { fieldErrorsOf, WebKit } from '../web-kit';

/**
 * What every coordinator and administrator page shares: its one document run as the
 * signed-in user (refusals shown in the API's words, which say who may), forms shown again
 * with GOV.UK error messages, and a finished form sending the browser back with a banner
 * saying what was done (a fixed word in the URL, never user text).
 */
export class ManagePages {
  constructor(
    readonly kit: WebKit,
    readonly session: SignedInSession,
  ) {}

  /** The page's data; undefined once the browser was sent to sign in or shown a refusal. */
  read<TResult, TVariables>(req: Request, res: Response, document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult | undefined> {
    return this.session.read(req, res, document, variables);
  }

  /**
   * Runs a form's mutation. Done: the browser goes to `back` with `?done=<done>` and the
   * result is returned. BAD_USER_INPUT comes back as `{ error }` for the form to show beside
   * its field; any other refusal is shown as a page in the API's words. Undefined when answered.
   */
  async submit<TResult, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    back: string | ((result: TResult) => string),
    done: string,
  ): Promise<{ error: PageError } | undefined> {
    const result = await this.session.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return undefined;
    }
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT') return { error };
    if (error) {
      this.kit.refused(res, error);
      return undefined;
    }
    const to = typeof back === 'string' ? back : back(result.data!);
    res.redirect(303, `${to}${to.includes('?') ? '&' : '?'}done=${encodeURIComponent(done)}`);
    return undefined;
  }

  /** A form page: 400 with its errors in the summary and beside their fields, else 200. */
  form(res: Response, view: string, context: Record<string, unknown>, errors: FieldError[] = []): void {
    this.kit.render(res, view, { ...context, errors, fieldErrors: fieldErrorsOf(errors) }, errors.length ? 400 : 200);
  }

  /** The banner of a finished form, from the page's own list of what its forms do. */
  static done(req: Request, said: Record<string, string>): string | undefined {
    const key = req.query.done;
    return typeof key === 'string' && Object.hasOwn(said, key) ? said[key] : undefined;
  }
}

/** The form field an API refusal names (`extensions.field`), by the page's own map, else `fallback`. */
export function apiFieldError(error: PageError, fields: Record<string, string>, fallback: string): FieldError {
  const field = String(error.extensions.field ?? '');
  return { href: Object.hasOwn(fields, field) ? fields[field] : fallback, text: error.message };
}
