import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PageError } from '../graphql-runner';
import { ManagePages } from '../manage/manage-pages';

/**
 * Runs a form's mutation whose answer is shown on the page itself (a secret shown once) or
 * whose refusal belongs beside a field though it is not BAD_USER_INPUT (`asField`):
 * `{ data }` done, `{ error }` for the form, undefined once the browser was sent to sign in
 * or shown the API's refusal as a page.
 */
export async function formAnswer<TResult, TVariables>(
  manage: ManagePages,
  req: Request,
  res: Response,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  asField: (error: PageError) => boolean = () => false,
): Promise<{ data: TResult; error?: undefined } | { error: PageError } | undefined> {
  const result = await manage.session.run(req, res, document, variables);
  if (!result) {
    res.redirect(303, '/sign-in');
    return undefined;
  }
  const error = result.errors?.[0];
  if (error && (error.extensions.code === 'BAD_USER_INPUT' || asField(error))) return { error };
  if (error) {
    manage.kit.refused(res, error);
    return undefined;
  }
  return { data: result.data! };
}
