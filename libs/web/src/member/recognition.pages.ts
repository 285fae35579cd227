import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import { BodyPages } from './body-pages';
import { WebRecognitionFormDocument, WebRecognitionFormQuery, WebRecordRecognitionDocument } from '../graphql/generated';
import { paramOf } from '../web-kit';
import { readRecognition, RecognitionValues, VISIBILITY } from './member-forms';

type RecognitionForm = Omit<WebRecognitionFormQuery, 'me'>;

const EMPTY: RecognitionValues = { credited: '', givenBy: '', milestoneId: '', reason: '', givenOn: { day: '', month: '', year: '' }, visibleIn: [] };

/** Which field of the form an API refusal names. */
const FIELDS: Record<string, string> = {
  creditedPersonId: '#credited',
  creditedOrganisationId: '#credited',
  givenByPersonId: '#givenBy',
  givenByOrganisationId: '#givenBy',
  milestoneId: '#milestoneId',
  givenOn: '#givenOn-day',
  reason: '#reason',
  visibleIn: '#visibleIn',
};

/**
 * Recording recognition given by the body or one of its people (recordRecognition: a
 * representative records only what their own body gave, in a programme it takes part in),
 * crediting a body taking part or one of its people, for an achieved milestone or not.
 * The giver may be a person, whom the address's body cannot be checked against without the
 * form's data, so a POST reads it first.
 */
export function registerRecognitionPages(body: BodyPages): void {
  const path = '/bodies/:organisationId/programmes/:programmeId/recognitions/new';

  const load = (req: Request, res: Response) =>
    body.read(req, res, WebRecognitionFormDocument, { organisationId: paramOf(req, 'organisationId'), programmeId: paramOf(req, 'programmeId') });

  function show(res: Response, { organisation, programme }: RecognitionForm, values: RecognitionValues, errors: FieldError[] = []): void {
    const choice = (value: string, text: string, chosen: string) => ({ value, text, selected: value === chosen });
    const credited = [
      { value: '', text: 'Choose a body or a person' },
      ...programme.participants.flatMap((o) => [
        choice(`organisation:${o.id}`, o.name, values.credited),
        ...o.people.map((p) => choice(`person:${p.id}`, `${p.fullName} (${o.name})`, values.credited)),
      ]),
    ];
    const givers = [
      { value: '', text: 'Choose your body or one of its people' },
      choice(`organisation:${organisation.id}`, organisation.name, values.givenBy),
      ...organisation.people.map((p) => choice(`person:${p.id}`, p.fullName, values.givenBy)),
    ];
    const milestones = [
      { value: '', text: 'None' },
      ...programme.milestones.filter((m) => m.achievedOn).map((m) => choice(m.id, m.name, values.milestoneId)),
    ];
    const context = { title: 'Record recognition', organisation, programme, credited, givers, milestones, visibility: VISIBILITY, values };
    body.form(res, 'member/record-recognition.njk', context, errors);
  }

  body.kit.get(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'programmeId')) return;
    const data = await load(req, res);
    if (data) show(res, data, EMPTY);
  });

  body.kit.post(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'programmeId')) return;
    // The form's data first: it checks the address names the caller's body, and shows the form again if need be.
    const data = await load(req, res);
    if (!data) return;
    const { values, errors, input } = readRecognition(req.body);
    if (!input) return show(res, data, values, errors);
    const error = await body.submit(req, res, WebRecordRecognitionDocument, { input: { programmeId: paramOf(req, 'programmeId'), ...input } }, 'recognised');
    if (error) return show(res, data, values, [{ href: FIELDS[String(error.extensions.field)] ?? '#reason', text: error.message }]);
  });
}
