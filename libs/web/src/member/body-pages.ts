import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PageError } from '../graphql-runner';
import { FieldError } from '../health-check/answer-form';
import { SignedInSession } from '../session/signed-in';
import { fieldErrorsOf, WebKit } from '../web-kit';

/** Every page document here reads who is asking, to refuse another body's page. */
interface ReadsMe {
  me: { organisationId?: string | null };
}

/** What a finished form says on the to-do page (a fixed word in the URL, never user text). */
export const DONE = {
  acknowledged: 'Briefing acknowledged',
  conflict: 'Conflict logged',
  conflictMoved: 'Conflict updated',
  agreed: 'Alignment request agreed',
  declined: 'Alignment request declined',
  endorsed: 'Endorsement recorded',
  recognised: 'Recognition recorded',
} as const;

export type Done = keyof typeof DONE;

/**
 * What every "for my body" page shares: its address names the body, its one document reads
 * `me { organisationId }` so a page for another body is refused before it shows anything,
 * and refusals are shown as the API words them.
 */
export class BodyPages {
  constructor(
    readonly kit: WebKit,
    private readonly session: SignedInSession,
  ) {}

  /** Runs the page's document; false when it has answered (sign in, another body, refused, not found). */
  async read<TResult extends ReadsMe, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult | false> {
    const result = await this.session.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return false;
    }
    const me = result.data?.me;
    if (!me || me.organisationId !== req.params.organisationId) {
      this.notYours(res);
      return false;
    }
    const error = result.errors?.[0];
    if (error) {
      this.refused(res, error);
      return false;
    }
    return result.data!;
  }

  /**
   * Runs a form's mutation: on success sends the browser back to the to-do list saying what
   * was done, and on a refusal shows it; the API's BAD_USER_INPUT is given back for the form.
   */
  async submit<TResult, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    done: Done,
  ): Promise<PageError | undefined> {
    const result = await this.session.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return undefined;
    }
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT') return error;
    if (error) {
      this.refused(res, error);
      return undefined;
    }
    res.redirect(303, `/bodies/${req.params.organisationId}?done=${done}`);
    return undefined;
  }

  notYours(res: Response): void {
    this.kit.message(res, 403, 'You cannot act for this body', 'Member representatives see and act only for their own body. Go to Your JoinedUp to find your body’s page.');
  }

  refused(res: Response, error: PageError): void {
    this.kit.refused(res, error);
  }

  badAddress(req: Request, res: Response, ...names: string[]): boolean {
    return this.kit.badAddress(req, res, ...names);
  }

  /** A form page: 400 with its errors listed, else 200. */
  form(res: Response, view: string, context: Record<string, unknown>, errors: FieldError[]): void {
    this.kit.render(res, view, { ...context, errors, fieldErrors: fieldErrorsOf(errors) }, errors.length ? 400 : 200);
  }
}
