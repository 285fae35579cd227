import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import { BodyPages } from './body-pages';
import { WebRecognitionFormDocument, WebRecognitionFormQuery, WebRecordRecognitionDocument } from '../graphql/generated';
import { paramOf } from '../web-kit';
import { readRecognition, RecognitionValues, VISIBILITY } from './member-forms';

type RecognitionForm = Omit<WebRecognitionFormQuery, 'me'>;

export const EMPTY_RECOGNITION: RecognitionValues = { credited: '', givenBy: '', milestoneId: '', reason: '', givenOn: { day: '', month: '', year: '' }, visibleIn: [] };

/** Which field of the form an API refusal names. */
export const RECOGNITION_FIELDS: Record<string, string> = {
  creditedPersonId: '#credited',
  creditedOrganisationId: '#credited',
  givenByPersonId: '#givenBy',
  givenByOrganisationId: '#givenBy',
  milestoneId: '#milestoneId',
  givenOn: '#givenOn-day',
  reason: '#reason',
  visibleIn: '#visibleIn',
};

type Body = { id: string; name: string; people: { id: string; fullName: string }[] };

/** A choice of the form's selects. */
export const choice = (value: string, text: string, chosen: string) => ({ value, text, selected: value === chosen });

/** Each body and its people as choices (`organisation:<id>`, `person:<id>`), as readRecognition reads them. */
export function partyChoices(bodies: Body[], chosen: string) {
  return bodies.flatMap((o) => [choice(`organisation:${o.id}`, o.name, chosen), ...o.people.map((p) => choice(`person:${p.id}`, `${p.fullName} (${o.name})`, chosen))]);
}

/**
 * The recognition form's context (views/member/record-recognition.njk): who may be credited
 * (the bodies taking part and their people), the givers offered, the achieved milestones.
 */
export function recognitionFormContext(
  programme: { participants: Body[]; milestones: { id: string; name: string; achievedOn?: string | null }[] },
  givers: { value: string; text: string; selected?: boolean }[],
  values: RecognitionValues,
) {
  return {
    credited: [{ value: '', text: 'Choose a body or a person' }, ...partyChoices(programme.participants, values.credited)],
    givers,
    milestones: [{ value: '', text: 'None' }, ...programme.milestones.filter((m) => m.achievedOn).map((m) => choice(m.id, m.name, values.milestoneId))],
    visibility: VISIBILITY,
    values,
  };
}

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
    const givers = [
      { value: '', text: 'Choose your body or one of its people' },
      choice(`organisation:${organisation.id}`, organisation.name, values.givenBy),
      ...organisation.people.map((p) => choice(`person:${p.id}`, p.fullName, values.givenBy)),
    ];
    body.form(res, 'member/record-recognition.njk', {
      title: 'Record recognition',
      programme,
      intro: `Record credit that ${organisation.name} or one of its people gave to a body taking part in ${programme.name}, or to one of its people.`,
      back: { href: `/bodies/${organisation.id}`, text: 'Back to your body’s to-do list' },
      ...recognitionFormContext(programme, givers, values),
    }, errors);
  }

  body.kit.get(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'programmeId')) return;
    const data = await load(req, res);
    if (data) show(res, data, EMPTY_RECOGNITION);
  });

  body.kit.post(path, async (req, res) => {
    if (body.badAddress(req, res, 'organisationId', 'programmeId')) return;
    // The form's data first: it checks the address names the caller's body, and shows the form again if need be.
    const data = await load(req, res);
    if (!data) return;
    const { values, errors, input } = readRecognition(req.body);
    if (!input) return show(res, data, values, errors);
    const error = await body.submit(req, res, WebRecordRecognitionDocument, { input: { programmeId: paramOf(req, 'programmeId'), ...input } }, 'recognised');
    if (error) return show(res, data, values, [{ href: RECOGNITION_FIELDS[String(error.extensions.field)] ?? '#reason', text: error.message }]);
  });
}
