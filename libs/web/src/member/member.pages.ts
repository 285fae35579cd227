import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import { SignedInSession } from '../session/signed-in';
import { WebAcknowledgeBriefingDocument, WebBriefingDocument, WebConflictFormDocument, WebMyBodyDocument, WebRaiseConflictDocument } from '../graphql/generated';
import { cursorOf, paramOf, WebKit } from '../web-kit';
import { registerAlignmentAnswerPages } from './alignment-answer.pages';
import { BodyPages, DONE } from './body-pages';
import { registerConflictActionPages } from './conflict-action.pages';
import { registerEndorsementPages } from './endorsement.pages';
import { AcknowledgementValues, CASCADES, CATEGORIES, ConflictValues, readAcknowledgement, readConflict, SEVERITIES } from './member-forms';
import { myBodyVariables } from './member.documents';
import { toDoList } from './my-body';
import { registerRecognitionPages } from './recognition.pages';

/**
 * The member representative's pages, "for my body": the to-do list, acknowledging a briefing,
 * logging a conflict and acting on one, answering an alignment request, endorsing a nomination and recording
 * recognition. Every address names the body; a page for another body than the
 * representative's own is refused (and the API refuses such a mutation again).
 */
export function registerMemberPages(kit: WebKit, session: SignedInSession): void {
  const body = new BodyPages(kit, session);

  kit.get('/bodies/:organisationId', async (req, res) => {
    if (body.badAddress(req, res, 'organisationId')) return;
    const pages = { alignmentAfter: cursorOf(req, 'alignmentAfter'), conflictsAfter: cursorOf(req, 'conflictsAfter') };
    const variables = myBodyVariables(paramOf(req, 'organisationId'), pages);
    const data = await body.read(req, res, WebMyBodyDocument, variables);
    if (!data) return;
    const done = DONE[String(req.query.done) as keyof typeof DONE];
    kit.render(res, 'member/my-body.njk', { title: `For ${data.organisation.name}`, ...toDoList(data, variables.to), done });
  });

  const acknowledgePath = '/bodies/:organisationId/briefings/:briefingId/acknowledge';
  async function acknowledgeForm(req: Request, res: Response, values: Partial<AcknowledgementValues>, errors: FieldError[] = []): Promise<void> {
    const data = await body.read(req, res, WebBriefingDocument, { id: paramOf(req, 'briefingId') });
    if (!data) return;
    body.form(res, 'member/acknowledge.njk', { title: 'Acknowledge a briefing', briefing: data.briefing, organisationId: req.params.organisationId, cascades: CASCADES, values }, errors);
  }
  kit.get(acknowledgePath, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'briefingId')) return;
    await acknowledgeForm(req, res, { note: '' });
  });
  kit.post(acknowledgePath, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'briefingId')) return;
    const { values, errors } = readAcknowledgement(req.body);
    // The reader gives no cascade without an error.
    if (errors.length || !values.cascade) return acknowledgeForm(req, res, values, errors);
    const [organisationId, briefingId] = [paramOf(req, 'organisationId'), paramOf(req, 'briefingId')];
    const error = await body.submit(req, res, WebAcknowledgeBriefingDocument, { input: { briefingId, organisationId, cascade: values.cascade, note: values.note || null } }, 'acknowledged');
    if (error) return acknowledgeForm(req, res, values, [{ href: '#note', text: error.message }]);
  });

  const conflictPath = '/bodies/:organisationId/localities/:localityId/conflicts/new';
  async function conflictForm(req: Request, res: Response, values: Partial<ConflictValues>, errors: FieldError[] = []): Promise<void> {
    const data = await body.read(req, res, WebConflictFormDocument, { localityId: paramOf(req, 'localityId') });
    if (!data) return;
    const parties = data.locality.members.map((m) => m.organisation).filter((o) => o.id !== req.params.organisationId);
    body.form(
      res,
      'member/log-conflict.njk',
      { title: 'Log a conflict', locality: data.locality, parties, organisationId: req.params.organisationId, categories: CATEGORIES, severities: SEVERITIES, values },
      errors,
    );
  }
  kit.get(conflictPath, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'localityId')) return;
    await conflictForm(req, res, { partyIds: [], title: '', description: '' });
  });
  kit.post(conflictPath, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'localityId')) return;
    const { values, errors } = readConflict(req.body);
    // The reader gives no category or severity without an error.
    if (errors.length || !values.category || !values.severity) return conflictForm(req, res, values, errors);
    const [organisationId, localityId] = [paramOf(req, 'organisationId'), paramOf(req, 'localityId')];
    const input = { localityId, raisedByOrganisationId: organisationId, ...values, category: values.category, severity: values.severity };
    const error = await body.submit(req, res, WebRaiseConflictDocument, { input }, 'conflict');
    if (error) {
      const field = ['title', 'description', 'category', 'severity'].includes(String(error.extensions.field)) ? String(error.extensions.field) : 'partyIds';
      return conflictForm(req, res, values, [{ href: `#${field}`, text: error.message }]);
    }
  });

  registerAlignmentAnswerPages(body);
  registerEndorsementPages(body);
  registerRecognitionPages(body);
  registerConflictActionPages(body);
}
