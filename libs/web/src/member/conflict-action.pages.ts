import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { FieldError } from '../health-check/answer-form';
import { BodyPages } from './body-pages';
import {
  WebAcknowledgeConflictDocument,
  WebAcknowledgeConflictMutationVariables,
  WebConflictDocument,
  WebConflictQuery,
  WebEscalateConflictDocument,
  WebStartConflictResolutionDocument,
} from '../graphql/generated';
import { paramOf } from '../web-kit';
import { CONFLICT_ACTIONS as ACTION_CHOICES, ConflictActionName, ConflictActionValues, readConflictAction } from './member-forms';

type Conflict = WebConflictQuery['conflict'];

/** The mutation of each action (the same input: the conflict and a note for its history). */
const MUTATIONS: Record<ConflictActionName, TypedDocumentNode<unknown, WebAcknowledgeConflictMutationVariables>> = {
  ACKNOWLEDGE: WebAcknowledgeConflictDocument,
  START_RESOLUTION: WebStartConflictResolutionDocument,
  ESCALATE: WebEscalateConflictDocument,
};

interface Actionable {
  conflict: Conflict;
  actions: { value: string; text: string }[];
}

/**
 * Acting on a conflict the body is involved in: acknowledging it (a party), starting its
 * resolution or escalating it (either side), with a note for its history. Only the actions
 * the API allows the body now are offered; the mutations name no body, so the address is
 * checked against the conflict's raiser and parties first.
 */
export function registerConflictActionPages(body: BodyPages): void {
  const path = '/bodies/:organisationId/conflicts/:conflictId';

  /** The conflict and the actions offered, when the body in the address is involved; otherwise the page saying why is sent. */
  async function actionable(req: Request, res: Response): Promise<Actionable | undefined> {
    const data = await body.read(req, res, WebConflictDocument, { id: paramOf(req, 'conflictId') });
    if (!data) return undefined;
    const { conflict } = data;
    const organisationId = paramOf(req, 'organisationId');
    if (conflict.raisedByOrganisation?.id !== organisationId && !conflict.parties.some((p) => p.id === organisationId)) {
      body.kit.message(res, 404, 'Page not found', 'Your body is not involved in this conflict. Go back to your body’s to-do list.');
      return undefined;
    }
    return { conflict, actions: ACTION_CHOICES.filter((a) => conflict.allowedActions.includes(a.value)) };
  }

  function show(req: Request, res: Response, found: Actionable, values: ConflictActionValues, errors: FieldError[] = []): void {
    body.form(res, 'member/conflict.njk', { title: 'A conflict your body is involved in', ...found, organisationId: req.params.organisationId, values }, errors);
  }

  body.kit.get(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'conflictId')) return;
    const found = await actionable(req, res);
    if (found) show(req, res, found, { note: '' });
  });

  body.kit.post(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'conflictId')) return;
    const found = await actionable(req, res);
    if (!found) return;
    const { values, errors } = readConflictAction(req.body, found.conflict.allowedActions);
    // The reader gives no action without an error.
    if (errors.length || !values.action) return show(req, res, found, values, errors);
    const input = { conflictId: paramOf(req, 'conflictId'), note: values.note || null };
    const error = await body.submit(req, res, MUTATIONS[values.action], { input }, 'conflictMoved');
    if (error) return show(req, res, found, values, [{ href: '#note', text: error.message }]);
  });
}
