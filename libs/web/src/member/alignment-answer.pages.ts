import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import { BodyPages } from './body-pages';
import { WebAgreeAlignmentDocument, WebAlignmentRequestDocument, WebAlignmentRequestQuery, WebDeclineAlignmentDocument } from '../graphql/generated';
import { paramOf } from '../web-kit';
import { ALIGNMENT_ANSWERS, AlignmentAnswerValues, readAlignmentAnswer } from './member-forms';

type AlignmentRequest = WebAlignmentRequestQuery['alignmentRequest'];

const EMPTY: AlignmentAnswerValues = { plannedOn: { day: '', month: '', year: '' }, note: '', reason: '' };

/** Which field of the form an API refusal names. */
const FIELDS: Record<string, string> = { plannedOn: '#plannedOn-day', note: '#note', reason: '#reason' };

/**
 * Answering an alignment request addressed to the body: agree with a planned day
 * (agreeAlignmentRequest) or decline with a reason (declineAlignmentRequest). The form is
 * shown, and sent, only for a request addressed to the body in the address that is still
 * waiting for its answer: the mutations name no body, so the address is checked first.
 */
export function registerAlignmentAnswerPages(body: BodyPages): void {
  const path = '/bodies/:organisationId/alignment-requests/:requestId/answer';

  /** The request when it may be answered here; otherwise the page that says why has been sent. */
  async function answerable(req: Request, res: Response): Promise<AlignmentRequest | undefined> {
    const data = await body.read(req, res, WebAlignmentRequestDocument, { id: paramOf(req, 'requestId') });
    if (!data) return undefined;
    const request = data.alignmentRequest;
    if (request.targetOrganisation.id !== req.params.organisationId) {
      body.kit.message(res, 403, 'You cannot answer this request', `It was addressed to ${request.targetOrganisation.name}: only its representatives can answer it.`);
      return undefined;
    }
    if (!request.allowedActions.includes('AGREE')) {
      body.kit.message(res, 409, 'This request has been answered', `“${request.title}” is ${request.status.toLowerCase()}: there is nothing to answer now.`);
      return undefined;
    }
    return request;
  }

  function show(req: Request, res: Response, request: AlignmentRequest, values: AlignmentAnswerValues, errors: FieldError[] = []): void {
    body.form(res, 'member/answer-alignment.njk', { title: 'Answer an alignment request', request, organisationId: req.params.organisationId, answers: ALIGNMENT_ANSWERS, values }, errors);
  }

  body.kit.get(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'requestId')) return;
    const request = await answerable(req, res);
    if (request) show(req, res, request, EMPTY);
  });

  body.kit.post(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'requestId')) return;
    const request = await answerable(req, res);
    if (!request) return;
    const { values, errors, input } = readAlignmentAnswer(req.body);
    if (!input) return show(req, res, request, values, errors);
    const requestId = paramOf(req, 'requestId');
    const error =
      input.answer === 'AGREE'
        ? await body.submit(req, res, WebAgreeAlignmentDocument, { input: { requestId, plannedOn: input.plannedOn, note: input.note } }, 'agreed')
        : await body.submit(req, res, WebDeclineAlignmentDocument, { input: { requestId, reason: input.reason } }, 'declined');
    if (error) {
      const href = FIELDS[String(error.extensions.field)] ?? (input.answer === 'AGREE' ? '#plannedOn-day' : '#reason');
      return show(req, res, request, values, [{ href, text: error.message }]);
    }
  });
}
