import { Request, Response } from 'express';
import {
  WebIssueBriefingDocument,
  WebManageAchieveMilestoneDocument,
  WebManageAlignmentFormDocument,
  WebManageAlignmentFormQuery,
  WebManageAlignmentRequestDocument,
  WebManageAlignmentRequestsDocument,
  WebManageBriefingDocument,
  WebManageBriefingsDocument,
  WebManageCreateMilestoneDocument,
  WebManageMilestoneDocument,
  WebManageMilestoneFormDocument,
  WebManageMilestonesDocument,
  WebManageProgrammeNameDocument,
  WebManageRecognitionFormDocument,
  WebManageRecognitionFormQuery,
  WebManageRequestAlignmentDocument,
  WebManageUpdateMilestoneDocument,
  WebManageWithdrawAlignmentDocument,
  WebRecordRecognitionDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { readRecognition, RecognitionValues } from '../member/member-forms';
import { EMPTY_RECOGNITION, partyChoices, RECOGNITION_FIELDS, recognitionFormContext } from '../member/recognition.pages';
import { programmeSections } from '../manage/sections';
import { cursorOf, paramOf } from '../web-kit';
import {
  ALIGNMENT_KINDS,
  ALIGNMENT_STATUSES,
  AlignmentValues,
  BriefingValues,
  EMPTY_ALIGNMENT,
  EMPTY_BRIEFING,
  EMPTY_MILESTONE,
  MilestoneValues,
  readAchieved,
  readAlignmentRequest,
  readBriefing,
  readMilestone,
  readWithdrawal,
} from './programme-records-forms';
import { acknowledgementRows, alignmentRow, recognitionRow, recognitionYear, statusFilter } from './programme-records-view';
import { PAGE_SIZE, RECOGNITIONS_LISTED } from './programme-records.documents';

/** A programme page's address, from sections.ts (the route pattern when `programmeId` is `:programmeId`). */
export function sectionPath(programmeId: string, title: 'Programme' | 'Briefings' | 'Alignment requests' | 'Milestones and recognition'): string {
  const found = programmeSections(programmeId).find((s) => s.title === title);
  if (!found) throw new Error(`No programme section called ${title}`);
  return found.path;
}

/** What each finished form says on the page it returns to. */
const DONE = {
  issued: 'Briefing issued',
  requested: 'Alignment requested',
  withdrawn: 'Alignment request withdrawn',
  added: 'Milestone added',
  changed: 'Milestone changed',
  achieved: 'Milestone marked achieved',
  recognised: 'Recognition recorded',
};

/** The forms are for those who run the partnership; others see the records only. */
const WHO_ACTS = 'Only coordinators and tenant administrators issue briefings, request alignment on behalf of a body, manage milestones and record recognition here. Ask one of them.';

/** Which form field each API input field is. */
const BRIEFING_FIELDS = { title: '#title', summary: '#summary', link: '#link', issuedOn: '#issuedOn-day' };
const ALIGNMENT_FIELDS = {
  requestingOrganisationId: '#requestingOrganisationId',
  targetOrganisationId: '#targetOrganisationId',
  kind: '#kind',
  title: '#title',
  description: '#description',
  responseDueOn: '#responseDueOn-day',
};
const MILESTONE_FIELDS = { name: '#name', dueOn: '#dueOn-day', contributorIds: '#contributorIds' };

const manages = (role: string): boolean => MANAGING_ROLES.includes(role);
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * A programme's briefings (with each body's acknowledgement), alignment requests, and
 * milestones with the recognition given, for coordinators and tenant administrators to run;
 * anyone the API lets read the programme sees the records, and only those who run the
 * partnership see the forms. Every form's mutation is the API's to refuse.
 */
export function registerProgrammeRecordPages(manage: ManagePages): void {
  const { kit } = manage;
  const briefingsAt = sectionPath(':programmeId', 'Briefings');
  const alignmentAt = sectionPath(':programmeId', 'Alignment requests');
  const milestonesAt = sectionPath(':programmeId', 'Milestones and recognition');
  const programmeId = (req: Request) => paramOf(req, 'programmeId');
  const links = (id: string) => ({
    programme: sectionPath(id, 'Programme'),
    briefings: sectionPath(id, 'Briefings'),
    alignment: sectionPath(id, 'Alignment requests'),
    milestones: sectionPath(id, 'Milestones and recognition'),
  });
  const notManaging = (res: Response) => kit.message(res, 403, 'You cannot do this', WHO_ACTS);

  // --- Briefings -----------------------------------------------------------------------

  kit.get(briefingsAt, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await manage.read(req, res, WebManageBriefingsDocument, { programmeId: programmeId(req), first: PAGE_SIZE, after: cursorOf(req) });
    if (!data) return;
    const { programme } = data;
    const next = programme.briefings.pageInfo.hasNextPage ? `?after=${encodeURIComponent(programme.briefings.pageInfo.endCursor!)}` : undefined;
    kit.render(res, 'programme-records/briefings.njk', {
      title: `Briefings of ${programme.name}`,
      programme,
      briefings: programme.briefings.nodes,
      next,
      canManage: manages(data.me.role),
      done: ManagePages.done(req, DONE),
      links: links(programme.id),
    });
  });

  async function showBriefingForm(req: Request, res: Response, values: BriefingValues, errors: FieldError[] = []): Promise<void> {
    const data = await manage.read(req, res, WebManageProgrammeNameDocument, { programmeId: programmeId(req) });
    if (!data) return;
    if (!manages(data.me.role)) return notManaging(res);
    manage.form(res, 'programme-records/issue-briefing.njk', { title: 'Issue a briefing', programme: data.programme, values, links: links(data.programme.id) }, errors);
  }

  kit.get(`${briefingsAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    await showBriefingForm(req, res, EMPTY_BRIEFING);
  });

  kit.post(`${briefingsAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const read = readBriefing(req.body ?? {});
    if (!read.input) return showBriefingForm(req, res, read.values, read.errors);
    const id = programmeId(req);
    const back = (r: { issueBriefing: { id: string } }) => `${sectionPath(id, 'Briefings')}/${r.issueBriefing.id}`;
    const failed = await manage.submit(req, res, WebIssueBriefingDocument, { input: { programmeId: id, ...read.input } }, back, 'issued');
    if (failed) await showBriefingForm(req, res, read.values, [apiFieldError(failed.error, BRIEFING_FIELDS, '#title')]);
  });

  kit.get(`${briefingsAt}/:briefingId`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'briefingId')) return;
    const data = await manage.read(req, res, WebManageBriefingDocument, { id: paramOf(req, 'briefingId') });
    if (!data) return;
    const { briefing } = data;
    // The address names the programme: another programme's briefing is not on this page.
    if (briefing.programme.id !== programmeId(req)) return kit.message(res, 404, 'Page not found', 'This briefing is not one of this programme’s. Check the address.');
    kit.render(res, 'programme-records/briefing.njk', {
      title: briefing.title,
      briefing,
      rows: acknowledgementRows(briefing.recipients),
      done: ManagePages.done(req, DONE),
      links: links(briefing.programme.id),
    });
  });

  // --- Alignment requests --------------------------------------------------------------

  kit.get(alignmentAt, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const status = statusFilter(req.query.status);
    const data = await manage.read(req, res, WebManageAlignmentRequestsDocument, {
      programmeId: programmeId(req),
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
      canManage: manages(data.me.role),
      done: ManagePages.done(req, DONE),
      links: links(programme.id),
    });
  });

  const alignmentForm = (req: Request, res: Response) => manage.read(req, res, WebManageAlignmentFormDocument, { programmeId: programmeId(req) });

  function showAlignmentForm(res: Response, data: WebManageAlignmentFormQuery, values: AlignmentValues, errors: FieldError[] = []): void {
    if (!manages(data.me.role)) return notManaging(res);
    const bodies = (chosen: string) => [{ value: '', text: 'Choose a body' }, ...data.programme.participants.map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen }))];
    manage.form(res, 'programme-records/request-alignment.njk', {
      title: 'Request alignment',
      programme: data.programme,
      requesters: bodies(values.requestingOrganisationId),
      targets: bodies(values.targetOrganisationId),
      kinds: ALIGNMENT_KINDS.map((k) => ({ ...k, checked: k.value === values.kind })),
      values,
      links: links(data.programme.id),
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
    if (request.programme.id !== programmeId(req)) return kit.message(res, 404, 'Page not found', 'This alignment request is not one of this programme’s. Check the address.');
    if (!manages(data.me.role)) return notManaging(res);
    // For those who run the partnership, the API's allowedActions then says only whether the state allows it.
    if (!request.allowedActions.includes('WITHDRAW')) {
      const status = ALIGNMENT_STATUSES.find((s) => s.value === request.status)?.text.toLowerCase();
      return kit.message(res, 409, 'This request cannot be withdrawn', `“${request.title}” was ${status}: only a request waiting for an answer, or agreed and not yet adapted, can be withdrawn.`);
    }
    manage.form(res, 'programme-records/withdraw-alignment.njk', { title: 'Withdraw an alignment request', request, values: { reason }, links: links(request.programme.id) }, errors);
  }

  kit.get(`${alignmentAt}/:requestId/withdraw`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'requestId')) return;
    await showWithdrawal(req, res, '');
  });

  kit.post(`${alignmentAt}/:requestId/withdraw`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'requestId')) return;
    const read = readWithdrawal(req.body ?? {});
    if (!read.input) return showWithdrawal(req, res, read.values.reason, read.errors);
    const back = sectionPath(programmeId(req), 'Alignment requests');
    const failed = await manage.submit(req, res, WebManageWithdrawAlignmentDocument, { input: { requestId: paramOf(req, 'requestId'), ...read.input } }, back, 'withdrawn');
    if (failed) await showWithdrawal(req, res, read.values.reason, [apiFieldError(failed.error, { reason: '#reason' }, '#reason')]);
  });

  // --- Milestones and recognition ------------------------------------------------------

  kit.get(milestonesAt, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const year = recognitionYear(req.query.year, today());
    const data = await manage.read(req, res, WebManageMilestonesDocument, { programmeId: programmeId(req), from: year.from, to: year.to, first: RECOGNITIONS_LISTED });
    if (!data) return;
    const { programme } = data;
    kit.render(res, 'programme-records/milestones.njk', {
      title: `Milestones and recognition of ${programme.name}`,
      programme,
      milestones: programme.milestones,
      recognitions: programme.recognitions.recognitions.map(recognitionRow),
      recognitionTotal: programme.recognitions.total,
      year,
      canManage: manages(data.me.role),
      done: ManagePages.done(req, DONE),
      links: links(programme.id),
    });
  });

  /** The add and change forms: one template, the programme's bodies as checkboxes. */
  function showMilestoneForm(
    res: Response,
    role: string,
    programme: { id: string; name: string; startsOn?: string | null; endsOn?: string | null; participants: { id: string; name: string }[] },
    values: MilestoneValues,
    errors: FieldError[],
    change?: { id: string; name: string },
  ): void {
    if (!manages(role)) return notManaging(res);
    manage.form(res, 'programme-records/milestone-form.njk', {
      title: change ? `Change ${change.name}` : 'Add a milestone',
      programme,
      change,
      bodies: programme.participants.map((o) => ({ value: o.id, text: o.name, checked: values.contributorIds.includes(o.id) })),
      values,
      links: links(programme.id),
    }, errors);
  }

  const milestoneForm = (req: Request, res: Response) => manage.read(req, res, WebManageMilestoneFormDocument, { programmeId: programmeId(req) });

  kit.get(`${milestonesAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await milestoneForm(req, res);
    if (data) showMilestoneForm(res, data.me.role, data.programme, EMPTY_MILESTONE, []);
  });

  kit.post(`${milestonesAt}/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await milestoneForm(req, res);
    if (!data) return;
    const read = readMilestone(req.body ?? {}, data.programme.participants.map((o) => o.id));
    if (!read.input) return showMilestoneForm(res, data.me.role, data.programme, read.values, read.errors);
    const input = { programmeId: data.programme.id, ...read.input };
    const failed = await manage.submit(req, res, WebManageCreateMilestoneDocument, { input }, sectionPath(data.programme.id, 'Milestones and recognition'), 'added');
    if (failed) showMilestoneForm(res, data.me.role, data.programme, read.values, [apiFieldError(failed.error, MILESTONE_FIELDS, '#name')]);
  });

  /** A milestone of the programme in the address, or undefined once a page was sent. */
  async function milestoneOf(req: Request, res: Response) {
    const data = await manage.read(req, res, WebManageMilestoneDocument, { id: paramOf(req, 'milestoneId') });
    if (!data) return undefined;
    if (data.milestone.programme.id !== programmeId(req)) {
      kit.message(res, 404, 'Page not found', 'This milestone is not one of this programme’s. Check the address.');
      return undefined;
    }
    return data;
  }

  const valuesOf = (m: { name: string; dueOn: string; contributors: { organisation: { id: string } }[] }): MilestoneValues => {
    const [year, month, day] = m.dueOn.split('-');
    return { name: m.name, dueOn: { day: String(Number(day)), month: String(Number(month)), year }, contributorIds: m.contributors.map((c) => c.organisation.id) };
  };

  kit.get(`${milestonesAt}/:milestoneId/change`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'milestoneId')) return;
    const data = await milestoneOf(req, res);
    if (data) showMilestoneForm(res, data.me.role, data.milestone.programme, valuesOf(data.milestone), [], data.milestone);
  });

  kit.post(`${milestonesAt}/:milestoneId/change`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'milestoneId')) return;
    const data = await milestoneOf(req, res);
    if (!data) return;
    const { milestone } = data;
    const read = readMilestone(req.body ?? {}, milestone.programme.participants.map((o) => o.id));
    if (!read.input) return showMilestoneForm(res, data.me.role, milestone.programme, read.values, read.errors, milestone);
    const back = sectionPath(milestone.programme.id, 'Milestones and recognition');
    const failed = await manage.submit(req, res, WebManageUpdateMilestoneDocument, { input: { milestoneId: milestone.id, ...read.input } }, back, 'changed');
    if (failed) showMilestoneForm(res, data.me.role, milestone.programme, read.values, [apiFieldError(failed.error, MILESTONE_FIELDS, '#name')], milestone);
  });

  async function showAchieved(req: Request, res: Response, achievedOn = { day: '', month: '', year: '' }, errors: FieldError[] = []): Promise<void> {
    const data = await milestoneOf(req, res);
    if (!data) return;
    if (!manages(data.me.role)) return notManaging(res);
    const { milestone } = data;
    manage.form(res, 'programme-records/achieve-milestone.njk', { title: `Mark ${milestone.name} achieved`, milestone, values: { achievedOn }, links: links(milestone.programme.id) }, errors);
  }

  kit.get(`${milestonesAt}/:milestoneId/achieve`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'milestoneId')) return;
    await showAchieved(req, res);
  });

  kit.post(`${milestonesAt}/:milestoneId/achieve`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'milestoneId')) return;
    const read = readAchieved(req.body ?? {});
    if (!read.input) return showAchieved(req, res, read.values.achievedOn, read.errors);
    const back = sectionPath(programmeId(req), 'Milestones and recognition');
    const failed = await manage.submit(req, res, WebManageAchieveMilestoneDocument, { input: { milestoneId: paramOf(req, 'milestoneId'), ...read.input } }, back, 'achieved');
    if (failed) await showAchieved(req, res, read.values.achievedOn, [apiFieldError(failed.error, { achievedOn: '#achievedOn-day' }, '#achievedOn-day')]);
  });

  // Coordinators and administrators record recognition given by any body or person (the
  // API's rule); representatives record their own body's from its page.
  const recognitionForm = (req: Request, res: Response) => manage.read(req, res, WebManageRecognitionFormDocument, { programmeId: programmeId(req) });

  function showRecognitionForm(res: Response, data: WebManageRecognitionFormQuery, values: RecognitionValues, errors: FieldError[] = []): void {
    if (!manages(data.me.role)) return notManaging(res);
    const { programme } = data;
    const givers = [{ value: '', text: 'Choose a body or a person' }, ...partyChoices(programme.participants, values.givenBy)];
    const back = sectionPath(programme.id, 'Milestones and recognition');
    manage.form(res, 'member/record-recognition.njk', {
      title: 'Record recognition',
      programme,
      intro: `Record credit given to a body taking part in ${programme.name}, or to one of its people, and who gave it.`,
      back: { href: back, text: 'Back to the milestones and recognition' },
      ...recognitionFormContext(programme, givers, values),
    }, errors);
  }

  kit.get(`${milestonesAt}/recognitions/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await recognitionForm(req, res);
    if (data) showRecognitionForm(res, data, EMPTY_RECOGNITION);
  });

  kit.post(`${milestonesAt}/recognitions/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await recognitionForm(req, res);
    if (!data) return;
    const read = readRecognition(req.body ?? {});
    if (!read.input) return showRecognitionForm(res, data, read.values, read.errors);
    const back = sectionPath(data.programme.id, 'Milestones and recognition');
    const failed = await manage.submit(req, res, WebRecordRecognitionDocument, { input: { programmeId: data.programme.id, ...read.input } }, back, 'recognised');
    if (failed) showRecognitionForm(res, data, read.values, [apiFieldError(failed.error, RECOGNITION_FIELDS, '#reason')]);
  });
}
