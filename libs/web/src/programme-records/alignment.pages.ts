import { Request, Response } from 'express';
import {
  WebManageAlignmentFormDocument,
  WebManageAlignmentFormQuery,
  WebManageAlignmentRequestDocument,
  WebManageAlignmentRequestsDocument,
  WebManageRequestAlignmentDocument,
  WebManageWithdrawAlignmentDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { cursorOf, paramOf } from '../web-kit';
import { DONE, ProgrammeRecordPages, sectionPath } from './programme-record-pages';
import { ALIGNMENT_KINDS, ALIGNMENT_STATUSES, AlignmentValues, EMPTY_ALIGNMENT, readAlignmentRequest, readWithdrawal } from './programme-records-forms';
import { alignmentRow, statusFilter } from './programme-records-view';
import { PAGE_SIZE } from './programme-records.documents';

/** Which form field each API input field is. */
const ALIGNMENT_FIELDS = {
  requestingOrganisationId: '#requestingOrganisationId',
  targetOrganisationId: '#targetOrganisationId',
  kind: '#kind',
  title: '#title',
  description: '#description',
  responseDueOn: '#responseDueOn-day',
};

/**
 * A programme's alignment requests, requesting one on behalf of a body taking part, and
 * withdrawing one. Answering and recording the adaptation are the asked body's own (its
 * representatives' pages), as the API rules.
 */
export function registerAlignmentPages(pages: ProgrammeRecordPages): void {
  const { kit, manage } = pages;
  const alignmentAt = pages.at('Alignment requests');

  kit.get(alignmentAt, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const status = statusFilter(req.query.status);
    const data = await manage.read(req, res, WebManageAlignmentRequestsDocument, {
      programmeId: pages.programmeId(req),
      first: PAGE_SIZE,
      after: cursorOf(req),
      status: status ? [status] : undefined,
    });
    if (!data) return;
    const { programme } = data;
    const page = programme.alignmentRequests.pageInfo;
    const query = (after: string) => `?${new URLSearchParams({ ...(status ? { status } : {}), after })}`;
    kit.render(res, 'programme-records/alignment-requests.njk', {
      title: `Alignment requests of ${programme.name}`,
      programme,
      requests: programme.alignmentRequests.nodes.map(alignmentRow),
      statuses: [{ value: '', text: 'Any status' }, ...ALIGNMENT_STATUSES].map((s) => ({ ...s, selected: s.value === (status ?? '') })),
      status,
      next: page.hasNextPage ? query(page.endCursor!) : undefined,
      canManage: pages.manages(data.me.role),
      done: ManagePages.done(req, DONE),
      links: pages.links(programme.id),
    });
  });

  const alignmentForm = (req: Request, res: Response) => manage.read(req, res, WebManageAlignmentFormDocument, { programmeId: pages.programmeId(req) });

  function showAlignmentForm(res: Response, data: WebManageAlignmentFormQuery, values: AlignmentValues, errors: FieldError[] = []): void {
    if (!pages.manages(data.me.role)) return pages.notManaging(res);
    const bodies = (chosen: string) => [{ value: '', text: 'Choose a body' }, ...data.programme.participants.map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen }))];
    manage.form(res, 'programme-records/request-alignment.njk', {
      title: 'Request alignment',
      programme: data.programme,
      requesters: bodies(values.requestingOrganisationId),
      targets: bodies(values.targetOrganisationId),
      kinds: ALIGNMENT_KINDS.map((k) => ({ ...k, checked: k.value === values.kind })),
      values,
      links: pages.links(data.programme.id),
    }, errors);
  }

  kit.get(`${alignmentAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await alignmentForm(req, res);
    if (data) showAlignmentForm(res, data, EMPTY_ALIGNMENT);
  });

  kit.post(`${alignmentAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await alignmentForm(req, res);
    if (!data) return;
    const read = readAlignmentRequest(req.body ?? {}, data.programme.participants.map((o) => o.id));
    if (!read.input) return showAlignmentForm(res, data, read.values, read.errors);
    const failed = await manage.submit(req, res, WebManageRequestAlignmentDocument, { input: { programmeId: data.programme.id, ...read.input } }, sectionPath(data.programme.id, 'Alignment requests'), 'requested');
    if (failed) showAlignmentForm(res, data, read.values, [apiFieldError(failed.error, ALIGNMENT_FIELDS, '#title')]);
  });

  async function showWithdrawal(req: Request, res: Response, reason: string, errors: FieldError[] = []): Promise<void> {
    const data = await manage.read(req, res, WebManageAlignmentRequestDocument, { id: paramOf(req, 'requestId') });
    if (!data) return;
    const request = data.alignmentRequest;
    if (request.programme.id !== pages.programmeId(req)) return kit.message(res, 404, 'Page not found', 'This alignment request is not one of this programme’s. Check the address.');
    if (!pages.manages(data.me.role)) return pages.notManaging(res);
    // For those who run the partnership, the API's allowedActions then says only whether the state allows it.
    if (!request.allowedActions.includes('WITHDRAW')) {
      const status = ALIGNMENT_STATUSES.find((s) => s.value === request.status)?.text.toLowerCase();
      return kit.message(res, 409, 'This request cannot be withdrawn', `“${request.title}” was ${status}: only a request waiting for an answer, or agreed and not yet adapted, can be withdrawn.`);
    }
    manage.form(res, 'programme-records/withdraw-alignment.njk', { title: 'Withdraw an alignment request', request, values: { reason }, links: pages.links(request.programme.id) }, errors);
  }

  kit.get(`${alignmentAt}/:requestId/withdraw`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'requestId')) return;
    await showWithdrawal(req, res, '');
  });

  kit.post(`${alignmentAt}/:requestId/withdraw`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'requestId')) return;
    const read = readWithdrawal(req.body ?? {});
    if (!read.input) return showWithdrawal(req, res, read.values.reason, read.errors);
    const back = sectionPath(pages.programmeId(req), 'Alignment requests');
    const failed = await manage.submit(req, res, WebManageWithdrawAlignmentDocument, { input: { requestId: paramOf(req, 'requestId'), ...read.input } }, back, 'withdrawn');
    if (failed) await showWithdrawal(req, res, read.values.reason, [apiFieldError(failed.error, { reason: '#reason' }, '#reason')]);
  });
}
