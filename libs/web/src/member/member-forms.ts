import type { AlignmentAction, CascadeLevel, ConflictAction, ConflictCategory, ConflictSeverity, EndorsementPosition, RecognitionVisibility } from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { calendarDay, DateParts } from '../health-check-rounds/round-form';
import { isId } from '../web-kit';

/** How far inside the body a briefing was passed on, as the API names it. */
export const CASCADES = [
  { value: 'LEADERSHIP_ONLY', text: 'Leadership only' },
  { value: 'MANAGERS', text: 'Managers' },
  { value: 'FRONT_LINE', text: 'Front-line staff' },
  { value: 'WHOLE_ORGANISATION', text: 'The whole organisation' },
] as const satisfies readonly { value: CascadeLevel; text: string }[];

export const CATEGORIES = [
  { value: 'RESOURCES', text: 'Resources' },
  { value: 'PRIORITIES', text: 'Priorities' },
  { value: 'DATA_SHARING', text: 'Data sharing' },
  { value: 'ACCOUNTABILITY', text: 'Accountability' },
  { value: 'CULTURE', text: 'Culture' },
  { value: 'OTHER', text: 'Other' },
] as const satisfies readonly { value: ConflictCategory; text: string }[];

export const SEVERITIES = [
  { value: 'LOW', text: 'Low' },
  { value: 'MEDIUM', text: 'Medium' },
  { value: 'HIGH', text: 'High' },
  { value: 'CRITICAL', text: 'Critical' },
] as const satisfies readonly { value: ConflictSeverity; text: string }[];

/** As the API allows (libs/briefings, libs/conflicts). */
export const MAX_NOTE = 2000;
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 5000;
export const MAX_PARTIES = 39;

export interface Checked<T> {
  values: T;
  errors: FieldError[];
}

const text = (raw: unknown): string => (typeof raw === 'string' ? raw.trim() : '');
const oneOf = <T extends string>(raw: unknown, choices: readonly { value: T }[]): T | undefined =>
  choices.find((c) => c.value === raw)?.value;

export interface AcknowledgementValues {
  cascade?: CascadeLevel;
  note: string;
}

/** The acknowledgement form's body: a cascade is required, the note is optional and bounded. */
export function readAcknowledgement(body: Record<string, unknown>): Checked<AcknowledgementValues> {
  const values = { cascade: oneOf(body.cascade, CASCADES), note: text(body.note) };
  const errors: FieldError[] = [];
  if (!values.cascade) errors.push({ href: '#cascade', text: 'Select how far the briefing was passed on in your organisation' });
  if (values.note.length > MAX_NOTE) errors.push({ href: '#note', text: `Note must be ${MAX_NOTE} characters or fewer` });
  return { values, errors };
}

export interface ConflictValues {
  partyIds: string[];
  category?: ConflictCategory;
  severity?: ConflictSeverity;
  title: string;
  description: string;
}

/** The conflict form's body: the other parties (ids), category, severity, title and description. */
export function readConflict(body: Record<string, unknown>): Checked<ConflictValues> {
  const given = Array.isArray(body.partyIds) ? body.partyIds : body.partyIds === undefined ? [] : [body.partyIds];
  const values: ConflictValues = {
    partyIds: [...new Set(given.filter(isId).map((id) => id.toLowerCase()))],
    category: oneOf(body.category, CATEGORIES),
    severity: oneOf(body.severity, SEVERITIES),
    title: text(body.title),
    description: text(body.description),
  };
  const errors: FieldError[] = [];
  if (!values.partyIds.length) errors.push({ href: '#partyIds', text: 'Select the other bodies the conflict is with' });
  else if (values.partyIds.length > MAX_PARTIES) errors.push({ href: '#partyIds', text: `Select at most ${MAX_PARTIES} other bodies` });
  if (!values.category) errors.push({ href: '#category', text: 'Select what the conflict is about' });
  if (!values.severity) errors.push({ href: '#severity', text: 'Select how serious the conflict is' });
  if (!values.title) errors.push({ href: '#title', text: 'Enter a title for the conflict' });
  else if (values.title.length > MAX_TITLE) errors.push({ href: '#title', text: `Title must be ${MAX_TITLE} characters or fewer` });
  if (!values.description) errors.push({ href: '#description', text: 'Enter what the conflict is about' });
  else if (values.description.length > MAX_DESCRIPTION) errors.push({ href: '#description', text: `Description must be ${MAX_DESCRIPTION} characters or fewer` });
  return { values, errors };
}

/** A day as GOV.UK's date input sends it (`name-day`, `name-month`, `name-year`), trimmed and bounded. */
export function dateParts(body: Record<string, unknown>, name: string): DateParts {
  const part = (key: string, max: number): string => text(body[`${name}-${key}`]).slice(0, max);
  return { day: part('day', 2), month: part('month', 2), year: part('year', 4) };
}

const isEmpty = (parts: DateParts): boolean => !parts.day && !parts.month && !parts.year;

/** An alignment request's two answers, as the API's mutations name them. */
export const ALIGNMENT_ANSWERS = [
  { value: 'AGREE', text: 'Agree to adapt' },
  { value: 'DECLINE', text: 'Decline' },
] as const satisfies readonly { value: AlignmentAction; text: string }[];

/** As the API allows (MAX_ALIGNMENT_TEXT in libs/alignment). */
export const MAX_ALIGNMENT_TEXT = 5000;

export interface AlignmentAnswerValues {
  answer?: (typeof ALIGNMENT_ANSWERS)[number]['value'];
  plannedOn: DateParts;
  note: string;
  reason: string;
}

export type AlignmentAnswerInput = { answer: 'AGREE'; plannedOn: string; note: string | null } | { answer: 'DECLINE'; reason: string };

/**
 * The answer form's body: agree with the day the body plans to have adapted by (and an
 * optional note), or decline with a reason. The API then judges the day (today or later).
 */
export function readAlignmentAnswer(body: Record<string, unknown>): Checked<AlignmentAnswerValues> & { input?: AlignmentAnswerInput } {
  const values: AlignmentAnswerValues = { answer: oneOf(body.answer, ALIGNMENT_ANSWERS), plannedOn: dateParts(body, 'plannedOn'), note: text(body.note), reason: text(body.reason) };
  const errors: FieldError[] = [];
  if (!values.answer) errors.push({ href: '#answer', text: 'Select whether your body agrees to adapt or declines' });
  const plannedOn = calendarDay(values.plannedOn);
  if (values.answer === 'AGREE') {
    if (isEmpty(values.plannedOn)) errors.push({ href: '#plannedOn-day', text: 'Enter the day your body plans to have adapted by' });
    else if (!plannedOn) errors.push({ href: '#plannedOn-day', text: 'Enter the day your body plans to have adapted by as a real date, for example 27 3 2027' });
    if (values.note.length > MAX_ALIGNMENT_TEXT) errors.push({ href: '#note', text: `Note must be ${MAX_ALIGNMENT_TEXT} characters or fewer` });
  }
  if (values.answer === 'DECLINE') {
    if (!values.reason) errors.push({ href: '#reason', text: 'Enter why your body will not adapt' });
    else if (values.reason.length > MAX_ALIGNMENT_TEXT) errors.push({ href: '#reason', text: `Reason must be ${MAX_ALIGNMENT_TEXT} characters or fewer` });
  }
  if (errors.length) return { values, errors };
  const input: AlignmentAnswerInput =
    values.answer === 'AGREE' ? { answer: 'AGREE', plannedOn: plannedOn!, note: values.note || null } : { answer: 'DECLINE', reason: values.reason };
  return { values, errors, input };
}

/** A body's position on a leader nomination, as the API names it. */
export const POSITIONS = [
  { value: 'SUPPORT', text: 'Support' },
  { value: 'OPPOSE', text: 'Oppose' },
  { value: 'ABSTAIN', text: 'Abstain' },
] as const satisfies readonly { value: EndorsementPosition; text: string }[];

/** As the API allows for an endorsement's comment. */
export const MAX_COMMENT = 2000;

export interface EndorsementValues {
  position?: EndorsementPosition;
  comment: string;
}

/**
 * The endorsement form's body: a position, and a comment that is optional when supporting
 * and required when the body withholds its support (opposes or abstains), so the others see why.
 */
export function readEndorsement(body: Record<string, unknown>): Checked<EndorsementValues> {
  const values = { position: oneOf(body.position, POSITIONS), comment: text(body.comment) };
  const errors: FieldError[] = [];
  if (!values.position) errors.push({ href: '#position', text: 'Select whether your body supports, opposes or abstains' });
  if (values.comment.length > MAX_COMMENT) errors.push({ href: '#comment', text: `Reason must be ${MAX_COMMENT} characters or fewer` });
  else if (!values.comment && (values.position === 'OPPOSE' || values.position === 'ABSTAIN')) {
    errors.push({ href: '#comment', text: `Enter why your body ${values.position === 'OPPOSE' ? 'opposes' : 'abstains'}` });
  }
  return { values, errors };
}

/** Where a recognition was made visible, as the API names the places. */
export const VISIBILITY = [
  { value: 'PARTNERSHIP_BOARD', text: 'At the partnership (board, steering group, programme meeting)' },
  { value: 'OWN_ORGANISATION', text: "Inside the credited person's or body's own organisation" },
  { value: 'PUBLIC', text: 'In public (press, website, awards)' },
] as const satisfies readonly { value: RecognitionVisibility; text: string }[];

/** As the API allows (MAX_REASON_LENGTH in libs/recognition). */
export const MAX_REASON = 2000;

export interface RecognitionValues {
  credited: string;
  givenBy: string;
  milestoneId: string;
  reason: string;
  givenOn: DateParts;
  visibleIn: RecognitionVisibility[];
}

/** The API's RecordRecognitionInput but the programme (from the address). */
export interface RecognitionInput {
  creditedPersonId?: string;
  creditedOrganisationId?: string;
  givenByPersonId?: string;
  givenByOrganisationId?: string;
  reason: string;
  milestoneId: string | null;
  givenOn?: string;
  visibleIn: RecognitionVisibility[];
}

/** A person or a body, as the recognition form's choices name them: `person:<id>` or `organisation:<id>`. */
export function party(raw: unknown): { kind: 'person' | 'organisation'; id: string } | undefined {
  const match = typeof raw === 'string' ? /^(person|organisation):(.+)$/.exec(raw) : null;
  return match && isId(match[2]) ? { kind: match[1] as 'person' | 'organisation', id: match[2].toLowerCase() } : undefined;
}

/**
 * The recognition form's body: who is credited and who gave it (each a person or a body),
 * what for, an optional achieved milestone and day (today when left out), and where it was
 * made visible (at least one place). The API's input, when nothing is missing.
 */
export function readRecognition(body: Record<string, unknown>): Checked<RecognitionValues> & { input?: RecognitionInput } {
  const given = Array.isArray(body.visibleIn) ? body.visibleIn : body.visibleIn === undefined ? [] : [body.visibleIn];
  const values: RecognitionValues = {
    credited: text(body.credited),
    givenBy: text(body.givenBy),
    milestoneId: isId(body.milestoneId) ? body.milestoneId.toLowerCase() : '',
    reason: text(body.reason),
    givenOn: dateParts(body, 'givenOn'),
    visibleIn: VISIBILITY.map((v): RecognitionVisibility => v.value).filter((v) => given.includes(v)),
  };
  const credited = party(values.credited);
  const giver = party(values.givenBy);
  const givenOn = calendarDay(values.givenOn);
  const errors: FieldError[] = [];
  if (!credited) errors.push({ href: '#credited', text: 'Select the person or body you recognise' });
  if (!giver) errors.push({ href: '#givenBy', text: 'Select who gave the recognition: your body or one of its people' });
  if (!values.reason) errors.push({ href: '#reason', text: 'Enter what the recognition is for' });
  else if (values.reason.length > MAX_REASON) errors.push({ href: '#reason', text: `Reason must be ${MAX_REASON} characters or fewer` });
  if (!isEmpty(values.givenOn) && !givenOn) errors.push({ href: '#givenOn-day', text: 'Enter the day it was given as a real date, for example 27 3 2027, or leave it empty for today' });
  if (!values.visibleIn.length) errors.push({ href: '#visibleIn', text: 'Select where the recognition was made visible' });
  if (errors.length) return { values, errors };
  const input: RecognitionInput = {
    ...(credited!.kind === 'person' ? { creditedPersonId: credited!.id } : { creditedOrganisationId: credited!.id }),
    ...(giver!.kind === 'person' ? { givenByPersonId: giver!.id } : { givenByOrganisationId: giver!.id }),
    reason: values.reason,
    milestoneId: values.milestoneId || null,
    ...(givenOn ? { givenOn } : {}),
    visibleIn: values.visibleIn,
  };
  return { values, errors, input };
}

/** What a member body may do to a conflict through this form, as the API's allowedActions names it. */
export const CONFLICT_ACTIONS = [
  { value: 'ACKNOWLEDGE', text: 'Acknowledge it' },
  { value: 'START_RESOLUTION', text: 'Start its resolution process' },
  { value: 'ESCALATE', text: 'Escalate it to the next stage' },
] as const satisfies readonly { value: ConflictAction; text: string }[];

export type ConflictActionName = (typeof CONFLICT_ACTIONS)[number]['value'];

export interface ConflictActionValues {
  action?: ConflictActionName;
  note: string;
}

/** The conflict form's body: one of the actions offered (those allowed now) and an optional, bounded note. */
export function readConflictAction(body: Record<string, unknown>, allowed: readonly string[]): Checked<ConflictActionValues> {
  const action = CONFLICT_ACTIONS.find((a) => a.value === body.action && allowed.includes(a.value))?.value;
  const values = { action, note: text(body.note) };
  const errors: FieldError[] = [];
  if (!values.action) errors.push({ href: '#action', text: 'Select what your body does about the conflict' });
  if (values.note.length > MAX_DESCRIPTION) errors.push({ href: '#note', text: `Note must be ${MAX_DESCRIPTION} characters or fewer` });
  return { values, errors };
}
