/**
 * The onboarding file, described once: its limits, its two sheets and their columns. The
 * reader, the row checks, the downloadable templates and the pages all use these.
 *
 * An Excel workbook (.xlsx) has two sheets, "Member bodies" and "People". A CSV file is
 * one sheet whose first column, "Record", says what each row is ("Member body" or
 * "Person"), followed by every column of both sheets; a row leaves the other kind's cells empty.
 */

/** The largest file read, in bytes; a larger one is refused before it is parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The most data rows (bodies and people together) a file may hold. */
export const MAX_ROWS = 5000;
/** The most competencies a person may have (as CreatePersonInput bounds them). */
export const MAX_COMPETENCIES = 50;

export const BODIES_SHEET = 'Member bodies';
export const PEOPLE_SHEET = 'People';
export type SheetName = typeof BODIES_SHEET | typeof PEOPLE_SHEET;

/** Each column's header as written in the file and the template. */
export const COLUMN = {
  record: 'Record',
  name: 'Name',
  sector: 'Sector',
  externalRef: 'External reference',
  jobTitle: 'Job title',
  email: 'Email',
  body: 'Body',
  competencies: 'Competencies',
  representsBody: 'Represents their body',
} as const;

export const BODY_COLUMNS = [COLUMN.name, COLUMN.sector, COLUMN.externalRef] as const;
export const PERSON_COLUMNS = [COLUMN.name, COLUMN.jobTitle, COLUMN.email, COLUMN.body, COLUMN.competencies, COLUMN.representsBody] as const;
/** A CSV file's columns: the record kind, then the bodies' and the people's columns. */
export const CSV_COLUMNS = [COLUMN.record, ...BODY_COLUMNS, ...PERSON_COLUMNS.filter((c) => c !== COLUMN.name)] as const;

/** The "Record" column's values in a CSV file. */
export const RECORD_KIND: Record<SheetName, string> = { [BODIES_SHEET]: 'Member body', [PEOPLE_SHEET]: 'Person' };

/** One data row as read: where it was (for error messages) and its cells by column header. */
export interface SheetRow {
  sheet: SheetName;
  /** Its row number in the file or sheet, the header being row 1. */
  row: number;
  cells: Partial<Record<string, string>>;
}

/** What a file held, sheet by sheet. */
export interface SheetRows {
  bodies: SheetRow[];
  people: SheetRow[];
}

/**
 * A problem the coordinator fixes in the file: where (sheet, row, column; row and column
 * absent for the whole file) and what to do about it.
 */
export interface RowProblem {
  sheet?: SheetName;
  row?: number;
  column?: string;
  message: string;
}

/** The template rows: one body and one person, as a coordinator would fill them in. */
export const TEMPLATE_EXAMPLE = {
  body: { [COLUMN.name]: 'Gateshead Council', [COLUMN.sector]: 'Local authority', [COLUMN.externalRef]: 'E08000037' },
  person: {
    [COLUMN.name]: 'Priya Shah',
    [COLUMN.jobTitle]: 'Head of Commissioning',
    [COLUMN.email]: 'priya.shah@example.org',
    [COLUMN.body]: 'Gateshead Council',
    [COLUMN.competencies]: 'Commissioning: 5; Data analysis: 3',
    [COLUMN.representsBody]: 'Yes',
  },
} as const;
