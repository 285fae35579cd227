import type { CascadeLevel, ConflictCategory, ConflictSeverity } from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';

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

/** An id as the API writes it (anything else is no choice the form offered). */
export const isId = (raw: unknown): raw is string => typeof raw === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw);

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
