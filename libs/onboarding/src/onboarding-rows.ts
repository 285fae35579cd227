import { isEmail } from 'class-validator';
import { Sector } from '@joinedup/registry';
import { COLUMN, MAX_COMPETENCIES, RowProblem, SheetRow, SheetRows } from './onboarding-sheet';

/** A member body's row, checked. */
export interface BodyLine {
  row: number;
  name: string;
  sector: Sector;
  externalRef: string | null;
}

/** A person's row, checked; `body` is the index of their body in the file's bodies. */
export interface PersonLine {
  row: number;
  fullName: string;
  jobTitle: string | null;
  email: string;
  body: number;
  /** Null when the cell is empty: an existing person's competencies are then kept. */
  competencies: { name: string; level: number }[] | null;
  representsBody: boolean;
}

export interface CheckedRows {
  bodies: BodyLine[];
  people: PersonLine[];
  problems: RowProblem[];
}

/** The bounds of the API's inputs (CreateOrganisationInput, CreatePersonInput). */
const BOUNDS = { name: 200, externalRef: 100, jobTitle: 200, email: 254, competency: 100 };

/** "Local authority", "local-authority" or "LOCAL_AUTHORITY" → LOCAL_AUTHORITY. */
export function sectorOf(text: string): Sector | undefined {
  const key = text.trim().toUpperCase().replace(/&/g, 'AND').replace(/[\s-]+/g, '_');
  return (Object.values(Sector) as string[]).includes(key) ? (key as Sector) : undefined;
}

/** How a sector is written in the file: LOCAL_AUTHORITY → "Local authority". */
export const sectorText = (sector: Sector): string => sector.charAt(0) + sector.slice(1).toLowerCase().replace(/_/g, ' ');

/** "Commissioning: 5; Data analysis: 3" → competencies, or the problem with the cell. */
export function competenciesOf(text: string): { competencies?: { name: string; level: number }[]; problem?: string } {
  const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
  if (parts.length > MAX_COMPETENCIES) return { problem: `List at most ${MAX_COMPETENCIES} competencies` };
  const competencies: { name: string; level: number }[] = [];
  for (const part of parts) {
    const match = /^(.+?)\s*:\s*(\d+)$/.exec(part);
    if (!match) return { problem: `Write "${part}" as a name and a level from 1 to 5, for example "Commissioning: 4"; separate competencies with ";"` };
    const [, name, level] = match;
    if (name.length > BOUNDS.competency) return { problem: `Shorten the competency "${name.slice(0, 30)}…" to ${BOUNDS.competency} characters or fewer` };
    if (!(Number(level) >= 1 && Number(level) <= 5)) return { problem: `Give "${name}" a level from 1 to 5` };
    if (competencies.some((c) => c.name.toLowerCase() === name.toLowerCase())) return { problem: `List "${name}" once` };
    competencies.push({ name, level: Number(level) });
  }
  return { competencies };
}

/**
 * Checks every row on its own and against the other rows of the file (a body listed twice,
 * a person's body not in the file, an email given twice). The registry is not read here:
 * see planOnboarding.
 */
export function checkRows(rows: SheetRows): CheckedRows {
  const problems: RowProblem[] = [];
  const bodies: BodyLine[] = [];
  /** Each body's name and external reference (lower case) → its index in `bodies`. */
  const bodyKeys = new Map<string, number>();
  for (const row of rows.bodies) {
    const at = rowProblems(row, problems);
    const name = at.text(COLUMN.name, BOUNDS.name, 'the body’s name');
    const sectorCell = row.cells[COLUMN.sector] ?? '';
    const sector = sectorOf(sectorCell);
    if (!sector) at.fail(COLUMN.sector, sectorCell ? `"${sectorCell}" is not a sector: enter one of ${Object.values(Sector).map(sectorText).join(', ')}` : 'Enter the body’s sector, for example Local authority');
    const externalRef = at.text(COLUMN.externalRef, BOUNDS.externalRef, 'the external reference', false) || null;
    if (name && bodyKeys.has(name.toLowerCase())) at.fail(COLUMN.name, `"${name}" is listed twice: keep one row for each body`);
    if (externalRef && bodyKeys.has(externalRef.toLowerCase())) at.fail(COLUMN.externalRef, `"${externalRef}" is given to two bodies: each body has its own external reference`);
    if (at.ok && sector) {
      bodyKeys.set(name.toLowerCase(), bodies.length);
      if (externalRef) bodyKeys.set(externalRef.toLowerCase(), bodies.length);
      bodies.push({ row: row.row, name, sector, externalRef });
    }
  }

  const people: PersonLine[] = [];
  const emails = new Set<string>();
  for (const row of rows.people) {
    const at = rowProblems(row, problems);
    const fullName = at.text(COLUMN.name, BOUNDS.name, 'the person’s full name');
    const jobTitle = at.text(COLUMN.jobTitle, BOUNDS.jobTitle, 'the job title', false) || null;
    const email = at.text(COLUMN.email, BOUNDS.email, 'the person’s email address');
    if (email && !isEmail(email)) at.fail(COLUMN.email, `"${email}" is not an email address: enter one like name@example.org`);
    else if (email && emails.has(email.toLowerCase())) at.fail(COLUMN.email, `${email} is given to two people: keep one row for each person`);
    const bodyText = at.text(COLUMN.body, BOUNDS.name, 'the name or external reference of the person’s body');
    const body = bodyKeys.get(bodyText.toLowerCase());
    if (bodyText && body === undefined) at.fail(COLUMN.body, `"${bodyText}" is not one of the member bodies in this file: use the name or external reference of a body as written in its own row`);
    const competenciesCell = row.cells[COLUMN.competencies] ?? '';
    const parsed = competenciesOf(competenciesCell);
    if (parsed.problem) at.fail(COLUMN.competencies, parsed.problem);
    const representsCell = (row.cells[COLUMN.representsBody] ?? '').toLowerCase();
    if (!['', 'yes', 'no'].includes(representsCell)) at.fail(COLUMN.representsBody, 'Enter Yes or No, or leave it empty for No');
    if (at.ok && body !== undefined) {
      emails.add(email.toLowerCase());
      people.push({
        row: row.row,
        fullName,
        jobTitle,
        email,
        body,
        competencies: competenciesCell ? parsed.competencies! : null,
        representsBody: representsCell === 'yes',
      });
    }
  }
  return { bodies, people, problems };
}

/** The problems of one row, collected as its cells are read. */
function rowProblems(row: SheetRow, problems: RowProblem[]) {
  let ok = true;
  const fail = (column: string, message: string) => {
    ok = false;
    problems.push({ sheet: row.sheet, row: row.row, column, message });
  };
  return {
    get ok() {
      return ok;
    },
    fail,
    text(column: string, max: number, what: string, required = true): string {
      const value = row.cells[column] ?? '';
      if (!value && required) fail(column, `Enter ${what}`);
      else if (value.length > max) fail(column, `Shorten ${what} to ${max} characters or fewer`);
      return value.length > max ? '' : value;
    },
  };
}
