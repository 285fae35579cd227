import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Request, Response } from 'express';
import { words } from '../dates';
import { FieldError } from '../health-check/answer-form';
import { SignedInSession } from '../session/signed-in';
import { WebAcknowledgeFlagDocument, WebDismissFlagDocument, WebFlagDocument, WebRequestScanDocument } from '../graphql/generated';
import { evidenceLinks } from '../records/evidence-links';
import { WebKit, paramOf } from '../web-kit';
import { DismissalValues, MAX_REASON, readDismissal, readRescan } from './flag-forms';
import { FLAG_WORKER_ROLES, SEVERITY_TAG, flagRows, historyLines } from './flag-view';

const FLAG_PATH = '/flags/:flagId';

/** What a finished action says on the flag page (a fixed word in the URL, never user text). */
const DONE: Record<string, string> = {
  acknowledged: 'Flag acknowledged: it still counts against health until its cause clears.',
  dismissed: 'Flag dismissed: it no longer counts against health, and opens again if its evidence changes.',
  rescan: 'Rescan requested: a worker runs it shortly, and this page shows what it found.',
};

/**
 * The flag page (what a scan found, its evidence as links to record pages, its history)
 * and the coordinator's actions on it: acknowledge, dismiss with a reason, ask for a rescan
 * of its locality. The forms are shown to those who may act; a POST from anyone else is
 * refused by the API, shown in its words, and changes nothing.
 */
export function registerFlagPages(kit: WebKit, session: SignedInSession): void {
  async function showFlag(req: Request, res: Response, values: DismissalValues, errors: FieldError[] = []): Promise<void> {
    const result = await session.run(req, res, WebFlagDocument, { id: paramOf(req, 'flagId') });
    if (!result) return res.redirect(303, '/sign-in');
    const error = result.errors?.[0];
    if (error?.extensions.code === 'NOT_FOUND' || error?.extensions.code === 'BAD_USER_INPUT') return kit.message(res, 404, 'Page not found', error.message);
    if (error) return kit.refused(res, error);
    const { me, governanceFlag: flag } = result.data!;
    const open = flag.state === 'OPEN' || flag.state === 'ACKNOWLEDGED';
    const mayAct = FLAG_WORKER_ROLES.includes(me.role);
    kit.render(
      res,
      'flags/flag.njk',
      {
        title: `Flag: ${words(flag.ruleCode)}`,
        flag,
        severityClass: SEVERITY_TAG[flag.severity],
        rows: flagRows(flag),
        evidence: evidenceLinks(flag.evidenceRecords, { named: [flag.locality, flag.programme, flag.organisation], max: Infinity }),
        history: historyLines(flag.history, me.id),
        mayAcknowledge: mayAct && flag.state === 'OPEN',
        mayDismiss: mayAct && open,
        mayRescan: mayAct,
        done: DONE[String(req.query.done)],
        values,
        errors,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text])),
        maxReason: MAX_REASON,
      },
      errors.length ? 400 : 200,
    );
  }

  /** Runs an action's mutation; false when it has answered (sign in, or a refusal in the API's words). */
  async function act<TResult, TVariables>(req: Request, res: Response, document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<boolean> {
    return (await session.read(req, res, document, variables)) !== undefined;
  }

  const back = (res: Response, flagId: string, done: keyof typeof DONE) => res.redirect(303, `/flags/${flagId}?done=${done}`);

  kit.get(FLAG_PATH, async (req, res) => {
    if (kit.badAddress(req, res, 'flagId')) return;
    await showFlag(req, res, { reason: '' });
  });

  kit.post(`${FLAG_PATH}/acknowledge`, async (req, res) => {
    if (kit.badAddress(req, res, 'flagId')) return;
    if (await act(req, res, WebAcknowledgeFlagDocument, { input: { flagId: paramOf(req, 'flagId') } })) back(res, paramOf(req, 'flagId'), 'acknowledged');
  });

  kit.post(`${FLAG_PATH}/dismiss`, async (req, res) => {
    if (kit.badAddress(req, res, 'flagId')) return;
    const { values, errors } = readDismissal(req.body);
    if (errors.length) return showFlag(req, res, values, errors);
    const result = await session.run(req, res, WebDismissFlagDocument, { input: { flagId: paramOf(req, 'flagId'), reason: values.reason } });
    if (!result) return res.redirect(303, '/sign-in');
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT' && error.extensions.field === 'reason') return showFlag(req, res, values, [{ href: '#reason', text: error.message }]);
    if (error) return kit.refused(res, error);
    back(res, paramOf(req, 'flagId'), 'dismissed');
  });

  kit.post(`${FLAG_PATH}/rescan`, async (req, res) => {
    if (kit.badAddress(req, res, 'flagId')) return;
    const scan = readRescan(req.body);
    if (!scan) return kit.message(res, 400, 'The rescan was not requested', 'The form was incomplete: go back, reload the page and send it again.');
    if (await act(req, res, WebRequestScanDocument, scan)) back(res, paramOf(req, 'flagId'), 'rescan');
  });
}
