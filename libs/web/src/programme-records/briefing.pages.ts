import { Request, Response } from 'express';
import { WebManageBriefingDocument, WebManageBriefingsDocument, WebManageIssueBriefingDocument, WebManageProgrammeNameDocument } from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { cursorOf, paramOf } from '../web-kit';
import { DONE, ProgrammeRecordPages, sectionPath } from './programme-record-pages';
import { BriefingValues, EMPTY_BRIEFING, readBriefing } from './programme-records-forms';
import { acknowledgementRows } from './programme-records-view';
import { PAGE_SIZE } from './programme-records.documents';

/** Which form field each API input field is. */
const BRIEFING_FIELDS = { title: '#title', summary: '#summary', link: '#link', issuedOn: '#issuedOn-day' };

/** A programme's briefings, issuing one, and a briefing with each body's acknowledgement. */
export function registerBriefingPages(pages: ProgrammeRecordPages): void {
  const { kit, manage } = pages;
  const briefingsAt = pages.at('Briefings');

  kit.get(briefingsAt, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await manage.read(req, res, WebManageBriefingsDocument, { programmeId: pages.programmeId(req), first: PAGE_SIZE, after: cursorOf(req) });
    if (!data) return;
    const { programme } = data;
    const next = programme.briefings.pageInfo.hasNextPage ? `?after=${encodeURIComponent(programme.briefings.pageInfo.endCursor!)}` : undefined;
    kit.render(res, 'programme-records/briefings.njk', {
      title: `Briefings of ${programme.name}`,
      programme,
      briefings: programme.briefings.nodes,
      next,
      canManage: pages.manages(data.me.role),
      done: ManagePages.done(req, DONE),
      links: pages.links(programme.id),
    });
  });

  async function showBriefingForm(req: Request, res: Response, values: BriefingValues, errors: FieldError[] = []): Promise<void> {
    const data = await manage.read(req, res, WebManageProgrammeNameDocument, { programmeId: pages.programmeId(req) });
    if (!data) return;
    if (!pages.manages(data.me.role)) return pages.notManaging(res);
    manage.form(res, 'programme-records/issue-briefing.njk', { title: 'Issue a briefing', programme: data.programme, values, links: pages.links(data.programme.id) }, errors);
  }

  kit.get(`${briefingsAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    await showBriefingForm(req, res, EMPTY_BRIEFING);
  });

  kit.post(`${briefingsAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const read = readBriefing(req.body ?? {});
    if (!read.input) return showBriefingForm(req, res, read.values, read.errors);
    const id = pages.programmeId(req);
    const back = (r: { issueBriefing: { id: string } }) => `${sectionPath(id, 'Briefings')}/${r.issueBriefing.id}`;
    const failed = await manage.submit(req, res, WebManageIssueBriefingDocument, { input: { programmeId: id, ...read.input } }, back, 'issued');
    if (failed) await showBriefingForm(req, res, read.values, [apiFieldError(failed.error, BRIEFING_FIELDS, '#title')]);
  });

  kit.get(`${briefingsAt}/:briefingId`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'briefingId')) return;
    const data = await manage.read(req, res, WebManageBriefingDocument, { id: paramOf(req, 'briefingId') });
    if (!data) return;
    const { briefing } = data;
    // The address names the programme: another programme's briefing is not on this page.
    if (briefing.programme.id !== pages.programmeId(req)) return kit.message(res, 404, 'Page not found', 'This briefing is not one of this programme’s. Check the address.');
    kit.render(res, 'programme-records/briefing.njk', {
      title: briefing.title,
      briefing,
      rows: acknowledgementRows(briefing.recipients),
      done: ManagePages.done(req, DONE),
      links: pages.links(briefing.programme.id),
    });
  });
}
