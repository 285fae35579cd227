import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { dayOf } from '../dates';
import {
  WebAcknowledgeConflictDocument,
  WebCloseConflictUnresolvedDocument,
  WebCommentOnConflictDocument,
  WebEscalateConflictDocument,
  WebManageConflictDocument,
  WebResolveConflictDocument,
  WebStartConflictResolutionDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { localitySections } from '../manage/sections';
import { paramOf } from '../web-kit';
import { CATEGORIES } from '../member/member-forms';
import { ActionValues, historyLines, ManagerAction, offeredActions, readManagerAction } from './conflict-view';

/**
 * Each action's mutation, its input from the conflict and the form's text, and the banner's
 * key. The documents' inputs differ, so the table is typed loosely; each `input` fits its own.
 */
const MUTATIONS: Record<ManagerAction, { document: TypedDocumentNode<unknown, { input: never }>; input: (conflictId: string, text: string) => object; done: string }> = {
  ACKNOWLEDGE: { document: WebAcknowledgeConflictDocument, input: (conflictId, note) => ({ conflictId, note: note || null }), done: 'acknowledged' },
  START_RESOLUTION: { document: WebStartConflictResolutionDocument, input: (conflictId, note) => ({ conflictId, note: note || null }), done: 'started' },
  ESCALATE: { document: WebEscalateConflictDocument, input: (conflictId, note) => ({ conflictId, note: note || null }), done: 'escalated' },
  RESOLVE: { document: WebResolveConflictDocument, input: (conflictId, outcome) => ({ conflictId, outcome }), done: 'resolved' },
  CLOSE_UNRESOLVED: { document: WebCloseConflictUnresolvedDocument, input: (conflictId, reason) => ({ conflictId, reason }), done: 'closed' },
  COMMENT: { document: WebCommentOnConflictDocument, input: (conflictId, comment) => ({ conflictId, comment }), done: 'commented' },
};

const DONE: Record<string, string> = {
  acknowledged: 'Conflict acknowledged.',
  started: 'Resolution started: the conflict is at the first stage of its process.',
  escalated: 'Conflict escalated to the next stage of its process.',
  resolved: 'Conflict resolved, with its outcome.',
  closed: 'Conflict closed unresolved, with the reason.',
  commented: 'Comment added to its history.',
};

/**
 * `/manage/conflicts/<id>`: a conflict as the caller may read it, with its history, and for
 * coordinators and tenant administrators the actions the API allows now (acknowledge,
 * start resolution, escalate, resolve with the outcome, close unresolved with the reason,
 * comment). The action is the API's to allow: a stale page or a forged POST gets its words.
 */
export function registerConflictPage(manage: ManagePages): void {
  const path = '/manage/conflicts/:conflictId';

  async function show(req: Request, res: Response, values: ActionValues, errors: FieldError[] = []): Promise<void> {
    const data = await manage.read(req, res, WebManageConflictDocument, { id: paramOf(req, 'conflictId') });
    if (!data) return;
    const { me, conflict } = data;
    const mayManage = MANAGING_ROLES.includes(me.role);
    manage.form(
      res,
      'conflicts/conflict.njk',
      {
        title: conflict.detailsVisible && conflict.title ? `Conflict: ${conflict.title}` : 'A conflict',
        conflict,
        category: CATEGORIES.find((c) => c.value === conflict.category)?.text,
        opened: dayOf(conflict.openedAt),
        closed: conflict.closedAt && dayOf(conflict.closedAt),
        history: historyLines(conflict.history, me.id),
        actions: mayManage ? offeredActions(conflict.allowedActions, values.action) : [],
        mayManage,
        values,
        done: ManagePages.done(req, DONE),
        log: localitySections(conflict.locality.id).find((s) => s.path.endsWith('/conflicts'))!.path,
      },
      errors,
    );
  }

  manage.kit.get(path, async (req, res) => {
    if (manage.kit.badAddress(req, res, 'conflictId')) return;
    await show(req, res, { note: '' });
  });

  manage.kit.post(path, async (req, res) => {
    if (manage.kit.badAddress(req, res, 'conflictId')) return;
    const { values, form } = readManagerAction(req.body);
    if (!form.ok || !values.action) return show(req, res, values, form.errors);
    const conflictId = paramOf(req, 'conflictId');
    const { document, input, done } = MUTATIONS[values.action];
    const sent = await manage.submit(req, res, document, { input: input(conflictId, values.note) as never }, `/manage/conflicts/${conflictId}`, done);
    if (sent) await show(req, res, values, [{ href: '#note', text: sent.error.message }]);
  });
}
