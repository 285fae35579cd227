import { Request, Response } from 'express';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PageError } from '../graphql-runner';
import { WebAcknowledgeBriefingDocument, WebBriefingDocument, WebConflictFormDocument, WebMyBodyDocument, WebRaiseConflictDocument } from '../graphql/generated';
import { SignedInSession } from '../session/signed-in';
import { WebKit, paramOf } from '../web-kit';
import { myBodyVariables } from './member.documents';
import { AcknowledgementValues, CASCADES, CATEGORIES, ConflictValues, SEVERITIES, isId, readAcknowledgement, readConflict } from './member-forms';
import { FieldError } from '../health-check/answer-form';

/** What a finished form says on the to-do page (a fixed word in the URL, never user text). */
const DONE: Record<string, string> = {
  acknowledged: 'Briefing acknowledged',
  conflict: 'Conflict logged',
};

/** Every page document here reads who is asking, to refuse another body's page. */
interface ReadsMe {
  me: { organisationId: string | null };
}

/**
 * The member representative's pages, "for my body": the to-do list, acknowledging a briefing
 * and logging a conflict. Every address names the body; a page for another body than the
 * representative's own is refused (and the API refuses such a mutation again).
 */
export function registerMemberPages(kit: WebKit, session: SignedInSession): void {
  /** Runs the page's document; false when it has answered (sign in, refused, not found). */
  async function read<TResult extends ReadsMe, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult | false> {
    const result = await session.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return false;
    }
    const me = result.data?.me;
    if (!me || me.organisationId !== req.params.organisationId) {
      notYours(res);
      return false;
    }
    const error = result.errors?.[0];
    if (error) {
      refused(res, error);
      return false;
    }
    return result.data!;
  }

  function notYours(res: Response): void {
    kit.message(res, 403, 'You cannot act for this body', 'Member representatives see and act only for their own body. Go to Your JoinedUp to find your body’s page.');
  }

  function refused(res: Response, error: PageError): void {
    if (error.extensions.code === 'NOT_FOUND') return kit.message(res, 404, 'Page not found', error.message);
    if (error.extensions.code === 'FORBIDDEN') return kit.message(res, 403, 'You cannot do this', error.message);
    if (error.extensions.code === 'CONFLICT') return kit.message(res, 409, 'This cannot be done now', error.message);
    kit.refusal(res, error);
  }

  /** Addresses whose ids are not ids are not pages. */
  function badAddress(req: Request, res: Response, ...names: string[]): boolean {
    if (names.every((name) => isId(req.params[name]))) return false;
    kit.message(res, 404, 'Page not found', 'Check the address, or go back to Your JoinedUp.');
    return true;
  }

  kit.get('/bodies/:organisationId', async (req, res) => {
    if (badAddress(req, res, 'organisationId')) return;
    const data = await read(req, res, WebMyBodyDocument, myBodyVariables(paramOf(req, 'organisationId')));
    if (!data) return;
    const conflicts = data.conflicts.nodes.filter((c) => c.allowedActions.some((a) => a !== 'COMMENT'));
    kit.render(res, 'member/my-body.njk', { title: `For ${data.organisation.name}`, ...data, conflicts, done: DONE[String(req.query.done)] });
  });

  const acknowledgePath = '/bodies/:organisationId/briefings/:briefingId/acknowledge';
  async function acknowledgeForm(req: Request, res: Response, values: Partial<AcknowledgementValues>, errors: FieldError[] = []): Promise<void> {
    const data = await read(req, res, WebBriefingDocument, { id: paramOf(req, 'briefingId') });
    if (!data) return;
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text]));
    const status = errors.length ? 400 : 200;
    kit.render(res, 'member/acknowledge.njk', { title: 'Acknowledge a briefing', briefing: data.briefing, organisationId: req.params.organisationId, cascades: CASCADES, values, errors, fieldErrors }, status);
  }
  kit.get(acknowledgePath, async (req, res) => {
    if (badAddress(req, res, 'organisationId', 'briefingId')) return;
    await acknowledgeForm(req, res, { note: '' });
  });
  kit.post(acknowledgePath, async (req, res) => {
    if (badAddress(req, res, 'organisationId', 'briefingId')) return;
    const { values, errors } = readAcknowledgement(req.body);
    // The reader gives no cascade without an error.
    if (errors.length || !values.cascade) return acknowledgeForm(req, res, values, errors);
    const [organisationId, briefingId] = [paramOf(req, 'organisationId'), paramOf(req, 'briefingId')];
    const result = await session.run(req, res, WebAcknowledgeBriefingDocument, { input: { briefingId, organisationId, cascade: values.cascade, note: values.note || null } });
    if (!result) return res.redirect(303, '/sign-in');
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT') return acknowledgeForm(req, res, values, [{ href: '#note', text: error.message }]);
    if (error) return refused(res, error);
    res.redirect(303, `/bodies/${organisationId}?done=acknowledged`);
  });

  const conflictPath = '/bodies/:organisationId/localities/:localityId/conflicts/new';
  async function conflictForm(req: Request, res: Response, values: Partial<ConflictValues>, errors: FieldError[] = []): Promise<void> {
    const data = await read(req, res, WebConflictFormDocument, { localityId: paramOf(req, 'localityId') });
    if (!data) return;
    const parties = data.locality.members.map((m) => m.organisation).filter((o) => o.id !== req.params.organisationId);
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.href.slice(1), e.text]));
    kit.render(
      res,
      'member/log-conflict.njk',
      { title: 'Log a conflict', locality: data.locality, parties, organisationId: req.params.organisationId, categories: CATEGORIES, severities: SEVERITIES, values, errors, fieldErrors },
      errors.length ? 400 : 200,
    );
  }
  kit.get(conflictPath, async (req, res) => {
    if (badAddress(req, res, 'organisationId', 'localityId')) return;
    await conflictForm(req, res, { partyIds: [], title: '', description: '' });
  });
  kit.post(conflictPath, async (req, res) => {
    if (badAddress(req, res, 'organisationId', 'localityId')) return;
    const { values, errors } = readConflict(req.body);
    // The reader gives no category or severity without an error.
    if (errors.length || !values.category || !values.severity) return conflictForm(req, res, values, errors);
    const [organisationId, localityId] = [paramOf(req, 'organisationId'), paramOf(req, 'localityId')];
    const input = { localityId, raisedByOrganisationId: organisationId, ...values, category: values.category, severity: values.severity };
    const result = await session.run(req, res, WebRaiseConflictDocument, { input });
    if (!result) return res.redirect(303, '/sign-in');
    const error = result.errors?.[0];
    if (error?.extensions.code === 'BAD_USER_INPUT') {
      const field = ['title', 'description', 'category', 'severity'].includes(String(error.extensions.field)) ? String(error.extensions.field) : 'partyIds';
      return conflictForm(req, res, values, [{ href: `#${field}`, text: error.message }]);
    }
    if (error) return refused(res, error);
    res.redirect(303, `/bodies/${organisationId}?done=conflict`);
  });
}
