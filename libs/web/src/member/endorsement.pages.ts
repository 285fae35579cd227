import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import { BodyPages } from './body-pages';
import { WebEndorseDocument, WebNominationDocument } from '../graphql/generated';
import { paramOf } from '../web-kit';
import { ruleText } from '../programmes/programme-view';
import { EndorsementValues, POSITIONS, readEndorsement } from './member-forms';

/**
 * Endorsing a leader nomination for the body: support, or withhold support (oppose or
 * abstain) with a reason (endorseNomination, which the body may change while the
 * nomination is open). The address names the programme and the nomination shown, so a
 * nomination decided or replaced meanwhile is said to be, not endorsed by mistake.
 */
export function registerEndorsementPages(body: BodyPages): void {
  const path = '/bodies/:organisationId/programmes/:programmeId/nominations/:nominationId/endorse';

  async function show(req: Request, res: Response, values: EndorsementValues | undefined, errors: FieldError[] = []): Promise<void> {
    const data = await body.read(req, res, WebNominationDocument, { programmeId: paramOf(req, 'programmeId') });
    if (!data) return;
    const { programme } = data;
    const nomination = programme.openNomination;
    if (nomination?.id !== req.params.nominationId) {
      return body.kit.message(res, 409, 'This nomination is no longer open', `It has been decided or withdrawn. See ${programme.name}’s leadership for where it stands.`);
    }
    // The body's position now, to change while the nomination is open.
    const own = nomination.endorsements.find((e) => e.organisation.id === req.params.organisationId);
    const shown = values ?? { position: own?.position, comment: own?.comment ?? '' };
    body.form(res, 'member/endorse.njk', { title: 'Endorse a nomination', programme, nomination, agreedWhen: ruleText(programme.agreementRule), own, organisationId: req.params.organisationId, positions: POSITIONS, values: shown }, errors);
  }

  body.kit.get(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'programmeId', 'nominationId')) return;
    await show(req, res, undefined);
  });

  body.kit.post(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'programmeId', 'nominationId')) return;
    const { values, errors } = readEndorsement(req.body);
    // The reader gives no position without an error.
    if (errors.length || !values.position) return show(req, res, values, errors);
    const input = { nominationId: paramOf(req, 'nominationId'), organisationId: paramOf(req, 'organisationId'), position: values.position, comment: values.comment || null };
    const error = await body.submit(req, res, WebEndorseDocument, { input }, 'endorsed');
    if (error) return show(req, res, values, [{ href: error.extensions.field === 'comment' ? '#comment' : '#position', text: error.message }]);
  });
}
