import type { CompetencyInput, CreateLocalityInput, CreateOrganisationInput, Sector } from '../graphql/generated';
import { FormReader } from '../manage/form-reader';

/** The sectors of member bodies, as the API names them, in the order a form lists them. */
export const SECTORS = [
  { value: 'LOCAL_AUTHORITY', text: 'Local authority' },
  { value: 'HEALTH', text: 'Health' },
  { value: 'POLICE', text: 'Police' },
  { value: 'FIRE_AND_RESCUE', text: 'Fire and rescue' },
  { value: 'CENTRAL_GOVERNMENT', text: 'Central government' },
  { value: 'EDUCATION', text: 'Education' },
  { value: 'HOUSING', text: 'Housing' },
  { value: 'PRIVATE', text: 'Private' },
  { value: 'BUSINESS', text: 'Business' },
  { value: 'COMMUNITY', text: 'Community' },
  { value: 'VOLUNTARY', text: 'Voluntary' },
] as const satisfies readonly { value: Sector; text: string }[];

/** Competency levels as the API defines them (1 aware to 5 expert). */
export const LEVELS = [
  { value: '1', text: '1 – aware' },
  { value: '2', text: '2 – working knowledge' },
  { value: '3', text: '3 – practitioner' },
  { value: '4', text: '4 – advanced' },
  { value: '5', text: '5 – expert' },
] as const;

/** As the API bounds them (libs/registry/src/registry.inputs.ts). */
export const MAX_NAME = 200;
export const MAX_REGION = 100;
export const MAX_REFERENCE = 100;
export const MAX_COMPETENCY_NAME = 100;
export const MAX_COMPETENCIES = 50;
/** Empty competency rows a form offers beyond those a person has. */
export const BLANK_COMPETENCY_ROWS = 3;

const CODE = { test: /^[A-Za-z0-9-]{1,20}$/, shape: '1 to 20 letters, digits or hyphens' };
const EMAIL = { test: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, shape: 'an email address' };

export type Values = Record<string, string>;

export function readLocality(body: Record<string, unknown>): { form: FormReader; values: Values; input: CreateLocalityInput } {
  const form = new FormReader(body);
  const input = {
    name: form.text('name', { what: 'the locality’s name', max: MAX_NAME, example: 'Gateshead' }),
    code: form.text('code', { what: 'the locality’s code', max: 20, example: 'E08000037', pattern: CODE }),
    region: form.text('region', { what: 'the region', max: MAX_REGION, required: false }),
  };
  return { form, values: input, input: { ...input, region: input.region || null } };
}

export function readName(body: Record<string, unknown>): { form: FormReader; name: string } {
  const form = new FormReader(body);
  return { form, name: form.text('localityName', { what: 'the locality’s new name', max: MAX_NAME }) };
}

/** A new organisation; `localityId` makes it a member body there in the same change. */
export function readOrganisation(body: Record<string, unknown>, localityId?: string): { form: FormReader; values: Values; input: CreateOrganisationInput } {
  const form = new FormReader(body);
  const values = {
    name: form.text('name', { what: 'the body’s name', max: MAX_NAME, example: 'Gateshead Council' }),
    sector: form.choice('sector', SECTORS, 'the body’s sector') ?? '',
    externalRef: form.text('externalRef', { what: 'the reference', max: MAX_REFERENCE, required: false }),
  };
  return { form, values, input: { ...values, sector: values.sector as Sector, externalRef: values.externalRef || null, localityId } };
}

export interface CompetencyRow {
  name: string;
  level: string;
}

/** Competency rows (`competency-<n>-name`, `competency-<n>-level`) as typed; a row without a name is left out. */
export function readCompetencies(form: FormReader, rows: number): { rows: CompetencyRow[]; competencies: CompetencyInput[] } {
  const typed: CompetencyRow[] = [];
  const competencies: CompetencyInput[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.min(rows, MAX_COMPETENCIES + BLANK_COMPETENCY_ROWS); i++) {
    const field = `competency-${i}`;
    const name = form.text(`${field}-name`, { what: 'the competency', max: MAX_COMPETENCY_NAME, required: false });
    const rawLevel = form.raw(`${field}-level`, 1);
    typed.push({ name, level: rawLevel });
    if (!name) continue;
    const level = form.whole(`${field}-level`, { what: `the level of ${name}`, min: 1, max: 5 });
    if (seen.has(name.toLowerCase())) form.fail(`${field}-name`, `Enter ${name} once: each competency is listed once`);
    seen.add(name.toLowerCase());
    if (level !== undefined) competencies.push({ name, level });
  }
  if (competencies.length > MAX_COMPETENCIES) form.fail('competency-0-name', `Enter at most ${MAX_COMPETENCIES} competencies`);
  return { rows: typed, competencies };
}

/** How many competency rows a form sent (the hidden `rows` field), within bounds. */
export function rowsSent(form: FormReader): number {
  const rows = Number(form.raw('rows', 3));
  return Number.isInteger(rows) && rows > 0 ? Math.min(rows, MAX_COMPETENCIES + BLANK_COMPETENCY_ROWS) : BLANK_COMPETENCY_ROWS;
}

export function readPerson(body: Record<string, unknown>) {
  const form = new FormReader(body);
  const values = {
    fullName: form.text('fullName', { what: 'the person’s full name', max: MAX_NAME, example: 'Sam Patel' }),
    jobTitle: form.text('jobTitle', { what: 'the job title', max: MAX_NAME, required: false }),
    email: form.text('email', { what: 'the email address', max: 254, required: false, example: 'sam.patel@example.org', pattern: EMAIL }),
  };
  const { rows, competencies } = readCompetencies(form, rowsSent(form));
  return { form, values, rows, input: { fullName: values.fullName, jobTitle: values.jobTitle || null, email: values.email || null, competencies } };
}

/** The rows a competencies form shows: those given, then blank ones to add more. */
export function competencyRows(held: readonly { name: string; level: number | string }[]): CompetencyRow[] {
  const rows = held.map((c) => ({ name: c.name, level: String(c.level) }));
  const blanks = Math.max(0, Math.min(BLANK_COMPETENCY_ROWS, MAX_COMPETENCIES - rows.length));
  return [...rows, ...Array.from({ length: blanks }, () => ({ name: '', level: '' }))];
}
