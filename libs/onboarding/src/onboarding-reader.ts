import { parse } from 'csv-parse/sync';
import type { CellValue, Worksheet } from 'exceljs';
import {
  BODIES_SHEET,
  BODY_COLUMNS,
  COLUMN,
  CSV_COLUMNS,
  MAX_FILE_BYTES,
  MAX_ROWS,
  PEOPLE_SHEET,
  PERSON_COLUMNS,
  RECORD_KIND,
  RowProblem,
  SheetName,
  SheetRow,
  SheetRows,
} from './onboarding-sheet';
import { loadExcelJs } from './lazy-exceljs';

/** What a file held, and what stopped rows (or the whole file) from being read. */
export interface ReadFile {
  rows: SheetRows;
  problems: RowProblem[];
}

const MEGABYTES = MAX_FILE_BYTES / 1024 / 1024;
const nothing = (problem: RowProblem): ReadFile => ({ rows: { bodies: [], people: [] }, problems: [problem] });

/** The kind of file by its name: only CSV and Excel workbooks are read. */
export function fileKind(fileName: string): 'csv' | 'xlsx' | undefined {
  const match = /\.(csv|xlsx)$/i.exec(fileName.trim());
  return match ? (match[1].toLowerCase() as 'csv' | 'xlsx') : undefined;
}

/**
 * Reads an onboarding file. Size and row count are bounded before (or while) it is parsed;
 * a formula is never evaluated: a formula cell in a workbook is a row problem, and a CSV
 * cell is always text, whatever its first character.
 */
export async function readOnboardingFile(fileName: string, content: Buffer): Promise<ReadFile> {
  if (content.length > MAX_FILE_BYTES) {
    return nothing({ message: `The file is larger than ${MEGABYTES} MB. Split it into smaller files and import each one.` });
  }
  const kind = fileKind(fileName);
  if (!kind) return nothing({ message: 'The file must be a CSV file (.csv) or an Excel workbook (.xlsx). Start from the template.' });
  if (content.length === 0) return nothing({ message: 'The file is empty. Start from the template.' });
  return kind === 'csv' ? readCsv(content) : readWorkbook(content);
}

function readCsv(content: Buffer): ReadFile {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Stops one record past the limit, so a longer file is never parsed whole.
    records = parse(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      // Files edited by hand mix Windows and Unix line ends.
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      to: MAX_ROWS + 2,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return nothing({ row: line, message: `The file could not be read as CSV${line ? ` at line ${line}` : ''}: check that every quoted cell ends with a quote, or save it again from Excel as "CSV UTF-8".` });
  }
  if (records.length > MAX_ROWS + 1) return tooManyRows();
  const [header, ...data] = records;
  if (!header) return nothing({ message: 'The file is empty. Start from the template.' });
  const columns = headerColumns(header.record);
  const problems = missingColumns(columns, CSV_COLUMNS, undefined);
  if (problems.length) return { rows: { bodies: [], people: [] }, problems };
  const rows: SheetRows = { bodies: [], people: [] };
  for (const { record, info } of data) {
    const cells = cellsOf(columns, record);
    const kind = (cells[COLUMN.record] ?? '').toLowerCase();
    if (kind === RECORD_KIND[BODIES_SHEET].toLowerCase()) rows.bodies.push({ sheet: BODIES_SHEET, row: info.lines, cells });
    else if (kind === RECORD_KIND[PEOPLE_SHEET].toLowerCase()) rows.people.push({ sheet: PEOPLE_SHEET, row: info.lines, cells });
    else problems.push({ row: info.lines, column: COLUMN.record, message: `Enter "${RECORD_KIND[BODIES_SHEET]}" or "${RECORD_KIND[PEOPLE_SHEET]}"` });
  }
  return { rows, problems };
}

/** The most a workbook may unpack to: a 5 MB file of text cells unpacks to far less. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

async function readWorkbook(content: Buffer): Promise<ReadFile> {
  const unzipped = unzippedSize(content);
  if (unzipped === undefined) {
    return nothing({ message: 'The file could not be read as an Excel workbook (.xlsx). Save it again from Excel, or start from the template.' });
  }
  if (unzipped > MAX_UNZIPPED_BYTES) {
    return nothing({ message: `The workbook unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB. Split it into smaller files and import each one.` });
  }
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return nothing({ message: 'The file could not be read as an Excel workbook (.xlsx). Save it again from Excel, or start from the template.' });
  }
  const bodies = workbook.getWorksheet(BODIES_SHEET);
  const people = workbook.getWorksheet(PEOPLE_SHEET);
  if (!bodies || !people) {
    return nothing({ message: `The workbook must have two sheets named "${BODIES_SHEET}" and "${PEOPLE_SHEET}", as in the template.` });
  }
  if (bodies.actualRowCount + people.actualRowCount - 2 > MAX_ROWS) return tooManyRows();
  const problems: RowProblem[] = [];
  const rows = { bodies: sheetRows(bodies, BODIES_SHEET, BODY_COLUMNS, problems), people: sheetRows(people, PEOPLE_SHEET, PERSON_COLUMNS, problems) };
  return { rows, problems };
}

function sheetRows(sheet: Worksheet, name: SheetName, required: readonly string[], problems: RowProblem[]): SheetRow[] {
  const header = sheet.getRow(1);
  const headerCells: string[] = [];
  header.eachCell({ includeEmpty: true }, (cell, col) => (headerCells[col - 1] = textOf(cell.value).text));
  const columns = headerColumns(headerCells);
  const missing = missingColumns(columns, required, name);
  if (missing.length) {
    problems.push(...missing);
    return [];
  }
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    row.eachCell((cell, col) => {
      const column = columns[col - 1];
      if (!column) return;
      const { text, problem } = textOf(cell.value);
      if (problem) problems.push({ sheet: name, row: rowNumber, column, message: problem });
      else if (text) cells[column] = text;
    });
    if (Object.keys(cells).length) rows.push({ sheet: name, row: rowNumber, cells });
  });
  return rows;
}

/**
 * The sum of a zip file's entries' sizes once unpacked, as its central directory declares
 * them (an .xlsx file is a zip), read before anything is unpacked; undefined when it is not
 * a zip. This bounds honest workbooks; exceljs's unzipping is what holds to the real sizes.
 */
export function unzippedSize(zip: Buffer): number | undefined {
  const END = 0x06054b50;
  const ENTRY = 0x02014b50;
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) !== END) continue;
    const entries = zip.readUInt16LE(at + 10);
    let offset = zip.readUInt32LE(at + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== ENTRY) return undefined;
      total += zip.readUInt32LE(offset + 24);
      offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    }
    return total;
  }
  return undefined;
}

/** A workbook cell as text; formulas and error values are refused, never evaluated. */
function textOf(value: CellValue): { text: string; problem?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('formula' in value || 'sharedFormula' in value) {
    return { text: '', problem: 'The cell contains a formula: type the value itself (formulas are never calculated on import)' };
  }
  if ('error' in value) return { text: '', problem: `The cell shows an error (${String(value.error)}): type the value itself` };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('').trim() };
  if ('text' in value) return textOf(value.text as CellValue);
  return { text: '' };
}

/** The header row's columns by position, as the canonical column names (matched ignoring case). */
function headerColumns(header: string[]): (string | undefined)[] {
  const known = Object.values(COLUMN) as string[];
  return header.map((h) => known.find((k) => k.toLowerCase() === String(h ?? '').trim().toLowerCase()));
}

function missingColumns(columns: (string | undefined)[], required: readonly string[], sheet: SheetName | undefined): RowProblem[] {
  return required
    .filter((column) => !columns.includes(column))
    .map((column) => ({ sheet, row: 1, column, message: `Add a "${column}" column to the header row, as in the template` }));
}

function cellsOf(columns: (string | undefined)[], record: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  record.forEach((value, i) => {
    const column = columns[i];
    const text = value.trim();
    if (column && text) cells[column] = text;
  });
  return cells;
}

function tooManyRows(): ReadFile {
  return nothing({ message: `The file has more than ${MAX_ROWS} rows. Split it into smaller files and import each one.` });
}
