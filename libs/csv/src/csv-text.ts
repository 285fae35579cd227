/** A spreadsheet runs a cell that starts with one of these as a formula (tab and CR too, as OWASP lists). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** What Excel needs first to read a CSV file as UTF-8 rather than the machine's code page. */
export const CSV_BOM = '\uFEFF';

/**
 * One field as RFC 4180 wants it: quoted when it holds a comma, quote or line break, with
 * quotes doubled. A field that a spreadsheet would run as a formula gets a leading
 * apostrophe: exports hold words typed by other people (CSV injection).
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text: fields guarded and quoted by csvField, each row ended by CRLF (RFC 4180). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
}
