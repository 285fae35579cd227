import { Request, Response } from 'express';
import { onlyRolesMay, Role } from '@joinedup/access';
import { REVIEW_WRITERS } from '@joinedup/improvement';
import { REGISTRY_MANAGERS } from '@joinedup/registry';
import {
  WebActionFormDocument,
  WebActionFormQuery,
  WebCompleteReviewDocument,
  WebCreateMeasureDocument,
  WebImprovementDocument,
  WebMeasureFormDocument,
  WebMeasureFormQuery,
  WebReviewFormDocument,
  WebReviewFormQuery,
  WebUpdateImprovementActionDocument,
  WebUpdateMeasureDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { programmeSections } from '../manage/sections';
import { cursorOf, paramOf } from '../web-kit';
import {
  ACTION_ROWS,
  ACTION_STATUSES,
  actionField,
  ActionUpdateValues,
  DIRECTIONS,
  MAX_ACTION_TEXT,
  MAX_FINDINGS,
  MeasureValues,
  RATINGS,
  readActionUpdate,
  readMeasure,
  readReview,
  ReviewValues,
  reviewFieldOf,
  valueField,
} from './improvement-forms';
import { actionRow, amountOf, dueReviewOf, measureRow, nextPageOf, reviewRow } from './improvement-view';

/** A programme's pages by title (sections.ts describes each address once). */
const sectionOf = (programmeId: string, title: 'Improvement' | 'Programme'): string =>
  programmeSections(programmeId).find((s) => s.title === title)!.path;

/** What a finished form says on the improvement page (a fixed word in the URL, never user text). */
const DONE: Record<string, string> = {
  measureAdded: 'Measure added',
  measureChanged: 'Measure changed',
  reviewCompleted: 'Review completed; the next one is scheduled',
  actionUpdated: 'Action updated',
};

/** Which field of a measure form an API refusal names. */
const MEASURE_FIELDS: Record<string, string> = { name: '#name', unit: '#unit', baseline: '#baseline', target: '#target', direction: '#direction', active: '#active' };
const ACTION_FIELDS: Record<string, string> = { status: '#status', note: '#note', closedOn: '#status' };

const EMPTY_MEASURE: MeasureValues = { name: '', unit: '', baseline: '', target: '', direction: '', active: 'yes' };
const NO_DAY = { day: '', month: '', year: '' };

const may = (role: string, roles: readonly Role[]): boolean => roles.includes(role as Role);

/**
 * A programme's improvement, shown to whoever the API lets read the programme: its measures
 * (added and changed by coordinators and tenant administrators), its reviews (completed by
 * them or by reviewers, with a value for every active measure and new actions) and its
 * actions (updated by the same). Forms and links to them are shown to those who may use
 * them; a POST from anyone else reaches the API, which refuses it in its words and changes
 * nothing.
 */
export function registerImprovementPages(manage: ManagePages): void {
  const { kit } = manage;
  const home = sectionOf(':programmeId', 'Improvement');

  /** The 403 page of a form the signed-in role may not use, in the API's words; true when sent. */
  function refuse(res: Response, role: string, roles: readonly Role[], action: string): boolean {
    if (may(role, roles)) return false;
    kit.message(res, 403, 'You cannot do this', onlyRolesMay(roles, action));
    return true;
  }

  kit.get(home, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const pages = { reviewsAfter: cursorOf(req, 'reviewsAfter'), actionsAfter: cursorOf(req, 'actionsAfter') };
    const data = await manage.read(req, res, WebImprovementDocument, { id: paramOf(req, 'programmeId'), ...pages });
    if (!data) return;
    const { me, programme } = data;
    const here = sectionOf(programme.id, 'Improvement');
    const open = programme.status !== 'CLOSED';
    kit.render(res, 'improvement/improvement.njk', {
      title: `Improvement: ${programme.name}`,
      programme,
      here,
      back: sectionOf(programme.id, 'Programme'),
      done: ManagePages.done(req, DONE),
      // A closed programme's measures, reviews and actions no longer change (the API says so if asked).
      mayManageMeasures: open && may(me.role, REGISTRY_MANAGERS),
      mayReview: open && may(me.role, REVIEW_WRITERS),
      measures: programme.measures.map(measureRow),
      dueReview: dueReviewOf(programme.nextReview),
      reviews: programme.reviews.nodes.map(reviewRow),
      nextReviews: nextPageOf(here, 'reviewsAfter', programme.reviews.pageInfo),
      actions: programme.improvementActions.nodes.map(actionRow),
      nextActions: nextPageOf(here, 'actionsAfter', programme.improvementActions.pageInfo),
      laterPage: Boolean(pages.reviewsAfter || pages.actionsAfter),
    });
  });

  // Adding and changing a measure.
  const measurePath = (programmeId: string, measureId?: string) => `${sectionOf(programmeId, 'Improvement')}/measures/${measureId ?? 'new'}`;

  function measureForm(res: Response, data: WebMeasureFormQuery, measureId: string | undefined, values: MeasureValues, errors: FieldError[] = []): void {
    const { programme } = data;
    manage.form(
      res,
      'improvement/measure.njk',
      {
        title: measureId ? `Change a measure of ${programme.name}` : `Add a measure to ${programme.name}`,
        programme,
        changing: Boolean(measureId),
        back: sectionOf(programme.id, 'Improvement'),
        directions: DIRECTIONS,
        values,
      },
      errors,
    );
  }

  /** The measure a change form is about, as its form shows it; undefined (404 page sent) when the programme has no such measure. */
  function measureOf(res: Response, data: WebMeasureFormQuery, measureId: string) {
    const measure = data.programme.measures.find((m) => m.id === measureId);
    if (!measure) kit.message(res, 404, 'Page not found', `${data.programme.name} has no such measure.`);
    return measure;
  }

  /**
   * A name another measure of the programme has (the API refuses it as a CONFLICT, a page of
   * its own): said beside the name field instead, before anything is sent.
   */
  function nameTaken(data: WebMeasureFormQuery, name: string | undefined, measureId: string | undefined, errors: FieldError[]): void {
    const other = name && data.programme.measures.find((m) => m.id !== measureId && m.name.toLowerCase() === name.toLowerCase());
    if (other) errors.push({ href: '#name', text: `${data.programme.name} already has a measure named “${other.name}”; choose another name` });
  }

  kit.get(measurePath(':programmeId'), async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await manage.read(req, res, WebMeasureFormDocument, { id: paramOf(req, 'programmeId') });
    if (!data || refuse(res, data.me.role, REGISTRY_MANAGERS, 'add a measure')) return;
    measureForm(res, data, undefined, EMPTY_MEASURE);
  });

  kit.post(measurePath(':programmeId'), async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await manage.read(req, res, WebMeasureFormDocument, { id: paramOf(req, 'programmeId') });
    if (!data) return;
    const { values, errors, input } = readMeasure(req.body);
    nameTaken(data, input?.name, undefined, errors);
    if (!input || errors.length) return measureForm(res, data, undefined, values, errors);
    const { active: _, ...create } = input;
    const back = sectionOf(data.programme.id, 'Improvement');
    const error = await manage.submit(req, res, WebCreateMeasureDocument, { input: { programmeId: data.programme.id, ...create } }, back, 'measureAdded');
    if (error) measureForm(res, data, undefined, values, [apiFieldError(error.error, MEASURE_FIELDS, '#name')]);
  });

  kit.get(measurePath(':programmeId', ':measureId'), async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'measureId')) return;
    const data = await manage.read(req, res, WebMeasureFormDocument, { id: paramOf(req, 'programmeId') });
    if (!data || refuse(res, data.me.role, REGISTRY_MANAGERS, 'change a measure')) return;
    const measure = measureOf(res, data, paramOf(req, 'measureId'));
    if (!measure) return;
    const values = {
      name: measure.name,
      unit: measure.unit,
      baseline: measure.baseline === null ? '' : String(measure.baseline),
      target: String(measure.target),
      direction: measure.direction,
      active: measure.active ? 'yes' : 'no',
    };
    measureForm(res, data, measure.id, values);
  });

  kit.post(measurePath(':programmeId', ':measureId'), async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'measureId')) return;
    const data = await manage.read(req, res, WebMeasureFormDocument, { id: paramOf(req, 'programmeId') });
    const measure = data && measureOf(res, data, paramOf(req, 'measureId'));
    if (!data || !measure) return;
    const { values, errors, input } = readMeasure(req.body, true);
    nameTaken(data, input?.name, measure.id, errors);
    if (!input || errors.length) return measureForm(res, data, measure.id, values, errors);
    const back = sectionOf(data.programme.id, 'Improvement');
    const error = await manage.submit(req, res, WebUpdateMeasureDocument, { input: { measureId: measure.id, ...input } }, back, 'measureChanged');
    if (error) measureForm(res, data, measure.id, values, [apiFieldError(error.error, MEASURE_FIELDS, '#name')]);
  });

  // Completing the review that is due.
  const reviewPath = `${home}/review`;

  function reviewForm(res: Response, data: WebReviewFormQuery, values: ReviewValues, errors: FieldError[] = []): void {
    const { programme } = data;
    manage.form(
      res,
      'improvement/review.njk',
      {
        title: `Complete the review of ${programme.name}`,
        programme,
        dueReview: dueReviewOf(programme.nextReview),
        back: sectionOf(programme.id, 'Improvement'),
        measures: programme.measures.map((m) => ({
          ...m,
          field: valueField(m.id),
          target: amountOf(m.target, m.unit),
          direction: DIRECTIONS.find((d) => d.value === m.direction)!.text,
        })),
        ratings: RATINGS,
        owners: programme.participants,
        rows: values.actions.map((typed, i) => ({
          number: i + 1,
          typed,
          names: { description: actionField(i + 1, 'description'), owner: actionField(i + 1, 'owner'), due: actionField(i + 1, 'due') },
        })),
        maxFindings: MAX_FINDINGS,
        maxActionText: MAX_ACTION_TEXT,
        values,
      },
      errors,
    );
  }

  /** The form's data, when there is a review to complete (else a page saying there is none). */
  async function reviewData(req: Request, res: Response): Promise<WebReviewFormQuery | undefined> {
    const data = await manage.read(req, res, WebReviewFormDocument, { id: paramOf(req, 'programmeId') });
    if (data && !data.programme.nextReview) {
      const { name, reviewCadenceDays } = data.programme;
      kit.message(res, 409, 'There is no review to complete', `${name} has no review scheduled: only an active programme has one, due every ${reviewCadenceDays} days.`);
      return undefined;
    }
    return data;
  }

  kit.get(reviewPath, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const data = await reviewData(req, res);
    if (!data || refuse(res, data.me.role, REVIEW_WRITERS, 'complete a review')) return;
    const empty = { description: '', ownerPersonId: '', dueOn: NO_DAY };
    reviewForm(res, data, {
      periodStart: NO_DAY,
      periodEnd: NO_DAY,
      findings: '',
      effectivenessRating: '',
      efficiencyRating: '',
      measureValues: {},
      actions: Array.from({ length: ACTION_ROWS }, () => empty),
    });
  });

  kit.post(reviewPath, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    // The form's data first: which measures need a value, and which review is due.
    const data = await reviewData(req, res);
    if (!data) return;
    const { programme } = data;
    const { values, errors, input } = readReview(req.body, programme.measures);
    if (!input) return reviewForm(res, data, values, errors);
    const { actionRows: _, ...complete } = input;
    const error = await manage.submit(
      req,
      res,
      WebCompleteReviewDocument,
      { input: { reviewId: programme.nextReview!.id, ...complete } },
      sectionOf(programme.id, 'Improvement'),
      'reviewCompleted',
    );
    if (error) reviewForm(res, data, values, [{ href: reviewFieldOf(String(error.error.extensions.field ?? ''), input), text: error.error.message }]);
  });

  // Updating an action.
  const actionPath = `${home}/actions/:actionId`;

  async function actionData(req: Request, res: Response): Promise<WebActionFormQuery | undefined> {
    const data = await manage.read(req, res, WebActionFormDocument, { id: paramOf(req, 'actionId') });
    // An action under another programme's address is not a page.
    if (data && data.improvementAction.review.programme.id !== paramOf(req, 'programmeId')) {
      kit.message(res, 404, 'Page not found', 'Check the address, or go back to the programme’s improvement page.');
      return undefined;
    }
    return data;
  }

  function actionForm(res: Response, data: WebActionFormQuery, values: ActionUpdateValues, errors: FieldError[] = []): void {
    const action = data.improvementAction;
    manage.form(
      res,
      'improvement/action.njk',
      {
        title: 'Update an action',
        action,
        row: actionRow(action),
        programme: action.review.programme,
        back: sectionOf(action.review.programme.id, 'Improvement'),
        statuses: ACTION_STATUSES,
        maxNote: MAX_ACTION_TEXT,
        values,
      },
      errors,
    );
  }

  kit.get(actionPath, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'actionId')) return;
    const data = await actionData(req, res);
    if (!data || refuse(res, data.me.role, REVIEW_WRITERS, 'update an improvement action')) return;
    actionForm(res, data, { status: data.improvementAction.status, note: data.improvementAction.note ?? '' });
  });

  kit.post(actionPath, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'actionId')) return;
    const data = await actionData(req, res);
    if (!data) return;
    const { values, errors, input } = readActionUpdate(req.body);
    if (!input) return actionForm(res, data, values, errors);
    const { id: actionId, review } = data.improvementAction;
    const back = sectionOf(review.programme.id, 'Improvement');
    const error = await manage.submit(req, res, WebUpdateImprovementActionDocument, { input: { actionId, ...input } }, back, 'actionUpdated');
    if (error) actionForm(res, data, values, [apiFieldError(error.error, ACTION_FIELDS, '#note')]);
  });
}
