import { BODIES_SHEET, BODY_COLUMNS, COLUMN, CSV_COLUMNS, PEOPLE_SHEET, PERSON_COLUMNS, RECORD_KIND, TEMPLATE_EXAMPLE } from './onboarding-sheet';
import { loadExcelJs } from './lazy-exceljs';

type Cells = Partial<Record<string, string>>;

/** A CSV cell: quoted when it holds a comma, quote or line break. */
const csvCell = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Rows as CSV text with CRLF line ends (as Excel writes them), in CSV_COLUMNS order. */
export function onboardingCsv(rows: { kind: string; cells: Cells }[]): string {
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(c === COLUMN.record ? r.kind : (r.cells[c] ?? ''))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV template: the header and one example body and person. */
export function csvTemplate(): string {
  return onboardingCsv([
    { kind: RECORD_KIND[BODIES_SHEET], cells: TEMPLATE_EXAMPLE.body },
    { kind: RECORD_KIND[PEOPLE_SHEET], cells: TEMPLATE_EXAMPLE.person },
  ]);
}

/** A workbook of the two sheets with these rows (cells as text: nothing is a formula). */
export async function onboardingWorkbook(bodies: Cells[], people: Cells[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  for (const [name, columns, rows] of [
    [BODIES_SHEET, BODY_COLUMNS, bodies],
    [PEOPLE_SHEET, PERSON_COLUMNS, people],
  ] as const) {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = columns.map((header) => ({ header, key: header, width: Math.max(16, header.length + 4) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The Excel template: both sheets, each with its example row. */
export function xlsxTemplate(): Promise<Buffer> {
  return onboardingWorkbook([TEMPLATE_EXAMPLE.body], [TEMPLATE_EXAMPLE.person]);
}
