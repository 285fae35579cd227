import { Request, Response } from 'express';
import {
  WebManageAchieveMilestoneDocument,
  WebManageCreateMilestoneDocument,
  WebManageMilestoneDocument,
  WebManageMilestoneFormDocument,
  WebManageMilestonesDocument,
  WebManageRecognitionFormDocument,
  WebManageRecognitionFormQuery,
  WebManageUpdateMilestoneDocument,
  WebRecordRecognitionDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { readRecognition, RecognitionValues } from '../member/member-forms';
import { EMPTY_RECOGNITION, partyChoices, RECOGNITION_FIELDS, recognitionFormContext } from '../member/recognition.pages';
import { paramOf } from '../web-kit';
import { DONE, ProgrammeRecordPages, sectionPath } from './programme-record-pages';
import { EMPTY_MILESTONE, milestoneValues, MilestoneValues, readAchieved, readMilestone } from './programme-records-forms';
import { recognitionRow, recognitionYear } from './programme-records-view';
import { RECOGNITIONS_LISTED } from './programme-records.documents';

/** Which form field each API input field is. */
const MILESTONE_FIELDS = { name: '#name', dueOn: '#dueOn-day', contributorIds: '#contributorIds' };

const today = (): string => new Date().toISOString().slice(0, 10);

/** A programme's milestones (add, change, mark achieved) and the recognition given in it (list by year, record). */
export function registerMilestonePages(pages: ProgrammeRecordPages): void {
  const { kit, manage } = pages;
  const milestonesAt = pages.at('Milestones and recognition');

  kit.get(milestonesAt, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const year = recognitionYear(req.query.year, today());
    const data = await manage.read(req, res, WebManageMilestonesDocument, { programmeId: pages.programmeId(req), from: year.from, to: year.to, first: RECOGNITIONS_LISTED });
    if (!data) return;
    const { programme } = data;
    kit.render(res, 'programme-records/milestones.njk', {
      title: `Milestones and recognition of ${programme.name}`,
      programme,
      milestones: programme.milestones,
      recognitions: programme.recognitions.recognitions.map(recognitionRow),
      recognitionTotal: programme.recognitions.total,
      year,
      canManage: pages.manages(data.me.role),
      done: ManagePages.done(req, DONE),
      links: pages.links(programme.id),
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
    if (!pages.manages(role)) return pages.notManaging(res);
    manage.form(res, 'programme-records/milestone-form.njk', {
      title: change ? `Change ${change.name}` : 'Add a milestone',
      programme,
      change,
      bodies: programme.participants.map((o) => ({ value: o.id, text: o.name, checked: values.contributorIds.includes(o.id) })),
      values,
      links: pages.links(programme.id),
    }, errors);
  }

  const milestoneForm = (req: Request, res: Response) => manage.read(req, res, WebManageMilestoneFormDocument, { programmeId: pages.programmeId(req) });

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
    if (data.milestone.programme.id !== pages.programmeId(req)) {
      kit.message(res, 404, 'Page not found', 'This milestone is not one of this programme’s. Check the address.');
      return undefined;
    }
    return data;
  }

  kit.get(`${milestonesAt}/:milestoneId/change`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'milestoneId')) return;
    const data = await milestoneOf(req, res);
    if (data) showMilestoneForm(res, data.me.role, data.milestone.programme, milestoneValues(data.milestone), [], data.milestone);
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
    if (!pages.manages(data.me.role)) return pages.notManaging(res);
    const { milestone } = data;
    manage.form(res, 'programme-records/achieve-milestone.njk', { title: `Mark ${milestone.name} achieved`, milestone, values: { achievedOn }, links: pages.links(milestone.programme.id) }, errors);
  }

  kit.get(`${milestonesAt}/:milestoneId/achieve`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'milestoneId')) return;
    await showAchieved(req, res);
  });

  kit.post(`${milestonesAt}/:milestoneId/achieve`, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'milestoneId')) return;
    const read = readAchieved(req.body ?? {});
    if (!read.input) return showAchieved(req, res, read.values.achievedOn, read.errors);
    const back = sectionPath(pages.programmeId(req), 'Milestones and recognition');
    const failed = await manage.submit(req, res, WebManageAchieveMilestoneDocument, { input: { milestoneId: paramOf(req, 'milestoneId'), ...read.input } }, back, 'achieved');
    if (failed) await showAchieved(req, res, read.values.achievedOn, [apiFieldError(failed.error, { achievedOn: '#achievedOn-day' }, '#achievedOn-day')]);
  });

  // Coordinators and administrators record recognition given by any body or person (the
  // API's rule); representatives record their own body's from its page.
  const recognitionForm = (req: Request, res: Response) => manage.read(req, res, WebManageRecognitionFormDocument, { programmeId: pages.programmeId(req) });

  function showRecognitionForm(res: Response, data: WebManageRecognitionFormQuery, values: RecognitionValues, errors: FieldError[] = []): void {
    if (!pages.manages(data.me.role)) return pages.notManaging(res);
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
