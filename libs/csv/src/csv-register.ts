/** One column of a register's CSV: its header, and the SQL expression of its value. */
export interface CsvColumn {
  header: string;
  /** SQL over the aliases of the register's `from`; cast to text, null written as an empty field. */
  value: string;
}

/**
 * A register of a locality as a CSV file, described once in the library that owns its
 * tables: where its rows come from, in which order, its columns and how many rows at most.
 * Read in one statement, under row-level security as the caller.
 */
export interface CsvRegister {
  /** What a person calls it ("Conflict log"). */
  title: string;
  /** One sentence: what a row is. */
  about: string;
  /** `from … where …` of the rows of the locality `$1` (and, with readsViewer, as the viewer `$2` may read them). */
  from: string;
  /** `from` reads `$2`: the organisation a member representative acts for, null for everyone else. */
  readsViewer?: boolean;
  orderBy: string;
  columns: readonly CsvColumn[];
  /** Rows written at most: the first this many in `orderBy`'s order. */
  maxRows: number;
}

/** The statement reading a register's rows, one more than its bound to tell that it was cut. */
export function csvRegisterSql(register: CsvRegister): string {
  const columns = register.columns.map((column, i) => `(${column.value})::text as c${i}`).join(',\n       ');
  return `select ${columns}\n  ${register.from}\n order by ${register.orderBy}\n limit ${register.maxRows + 1}`;
}

/** The header and rows of a register from its statement's rows, cut to its bound. */
export function csvRegisterRows(register: CsvRegister, rows: readonly Record<string, string | null>[]): { rows: string[][]; truncated: boolean } {
  const kept = rows.slice(0, register.maxRows).map((row) => register.columns.map((_, i) => row[`c${i}`] ?? ''));
  return { rows: [register.columns.map((column) => column.header), ...kept], truncated: rows.length > register.maxRows };
}

/** A timestamptz as UTC to the second, the form Excel reads as a date and time ("2026-12-05 23:18:00"). */
export const utcTime = (expression: string): string => `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;
