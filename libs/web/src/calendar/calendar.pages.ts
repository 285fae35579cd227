import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { WebCalendarDocument, WebRenewCalendarFeedDocument, WebRevokeCalendarFeedDocument } from '../graphql/generated';
import { PageResult } from '../graphql-runner';
import { SignedInSession } from '../session/signed-in';
import { WebKit } from '../web-kit';

export const CALENDAR_PATH = '/calendar';

/**
 * "Your calendar": the user's private feed of the deadlines they can act on. Its address
 * is shown once, in the answer to renewing (the API keeps only a hash); revoking stops it.
 */
export function registerCalendarPages(kit: WebKit, session: SignedInSession): void {
  /** The document as the signed-in user; undefined once the browser was sent on (sign in, or a refusal). */
  async function run<TResult, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult | undefined> {
    const result: PageResult<TResult> | undefined = await session.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return undefined;
    }
    const error = result.errors?.[0];
    if (error) {
      kit.refused(res, error);
      return undefined;
    }
    return result.data!;
  }

  const show = (res: Response, context: Record<string, unknown>) =>
    kit.render(res, 'calendar/calendar.njk', { title: 'Your calendar', path: CALENDAR_PATH, ...context });

  kit.get(CALENDAR_PATH, async (req, res) => {
    const data = await run(req, res, WebCalendarDocument, {});
    if (data) show(res, { feed: data.calendarFeed });
  });

  kit.post(`${CALENDAR_PATH}/renew`, async (req, res) => {
    const data = await run(req, res, WebRenewCalendarFeedDocument, {});
    if (data) show(res, { feed: data.renewCalendarFeed.feed, url: data.renewCalendarFeed.url });
  });

  kit.post(`${CALENDAR_PATH}/revoke`, async (req, res) => {
    const data = await run(req, res, WebRevokeCalendarFeedDocument, {});
    if (data) show(res, { feed: null, revoked: data.revokeCalendarFeed });
  });
}
