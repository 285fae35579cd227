import { MAX_TEXT_LENGTH } from '@joinedup/graphql-kit';
import { MAX_FILE_BYTES, fileKind } from '@joinedup/onboarding';
import { FieldError } from '../health-check/answer-form';
import type { WebImportPreviewQuery } from '../graphql/generated';

type Preview = WebImportPreviewQuery['onboardingPreview'];

/** The file input's id, which its error links to. */
export const FILE_FIELD = 'file';

/** An uploaded file as multer gives it (memory storage). */
export interface Upload {
  originalname: string;
  buffer: Buffer;
}

/** What multer's limit codes mean to the person who chose the file (GOV.UK file upload wording). */
const UPLOAD_ERRORS: Record<string, string> = {
  LIMIT_FILE_SIZE: `The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB`,
  LIMIT_FILE_COUNT: 'Select one file',
  LIMIT_UNEXPECTED_FILE: 'Select one file',
};

/**
 * The chosen file, or the error to show beside the file input. Checked here before anything
 * is sent: one file, within the size limit, a CSV or Excel workbook, not empty.
 */
export function readUpload(file: Upload | undefined, uploadError: string | undefined): { file?: Upload; error?: FieldError } {
  const fail = (text: string) => ({ error: { href: `#${FILE_FIELD}`, text } });
  if (uploadError) return fail(UPLOAD_ERRORS[uploadError] ?? 'The selected file could not be uploaded – try again');
  if (!file || !file.originalname) return fail('Select a CSV or Excel file');
  if (!fileKind(file.originalname)) return fail('The selected file must be a CSV or Excel file (.csv or .xlsx)');
  if (!file.buffer.length) return fail('The selected file is empty');
  return { file: { originalname: file.originalname.slice(-200), buffer: file.buffer } };
}

/** A file's base64 in pieces no longer than any text argument may be (the API joins them). */
export function contentPieces(base64: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < base64.length; at += MAX_TEXT_LENGTH) pieces.push(base64.slice(at, at + MAX_TEXT_LENGTH));
  return pieces.length ? pieces : [''];
}

/** Where a problem or a change is in the file: "People, row 7" in a workbook, "Row 7" in a CSV file. */
export function placeOf(item: { sheet?: string | null; row?: number | null }): string {
  if (!item.row) return 'The whole file';
  return item.sheet ? `${item.sheet}, row ${item.row}` : `Row ${item.row}`;
}

/** A problem or a change as a line of the preview: where, then what (lists fit a narrow screen better than tables). */
export interface PreviewLine {
  where: string;
  text: string;
}

/** The problems: where (with the column), and what to do. */
export function problemLines(problems: Preview['problems']): PreviewLine[] {
  return problems.map((p) => ({ where: p.column ? `${placeOf(p)}, ${p.column}` : placeOf(p), text: p.message }));
}

const RECORD: Record<string, string> = { MEMBER_BODY: 'Member body', PERSON: 'Person' };

/** What the file creates or changes: where, and what happens to which body or person. */
export function stepLines(steps: Preview['steps']): PreviewLine[] {
  return steps.map((s) => {
    const happens =
      s.action === 'CREATE'
        ? s.joinsLocality
          ? 'created, and joins the locality'
          : 'created'
        : s.action === 'CHANGE'
          ? `changed (${s.changes.join('; ')})${s.joinsLocality ? ', and joins the locality' : ''}`
          : 'joins the locality';
    return { where: placeOf(s), text: `${RECORD[s.record]} ${s.name} (${s.detail}): ${happens}` };
  });
}

/** The preview's counts in words: "40 to create, 2 to change, 3 unchanged". */
export function tallyText(tally: Preview['bodies']): string {
  return `${tally.create} to create, ${tally.change} to change, ${tally.unchanged} unchanged`;
}
