/**
 * The order of the lists of flags and of scans: newest first by an instant, then by id. Their
 * cursor is (the instant as text, the id), the page after it the rows before that key.
 */
export interface NewestFirst {
  orderBy(row: string): string;
  cursor(row: string): string[];
  /** The row comes after the cursor whose parts are `at` and `id` (SQL expressions; `at` null: the first page). */
  after(row: string, at: string, id: string): string;
}

export const newestFirst = (instant: string): NewestFirst => ({
  orderBy: (row) => `${row}.${instant} desc, ${row}.id desc`,
  cursor: (row) => [`${row}.${instant}::text`, `${row}.id`],
  after: (row, at, id) => `(${at}::timestamptz is null or (${row}.${instant}, ${row}.id) < (${at}::timestamptz, ${id}::uuid))`,
});
