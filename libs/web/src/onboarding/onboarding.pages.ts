import { Request, Response } from 'express';
import multer from 'multer';
import { MAX_FILE_BYTES, csvTemplate, xlsxTemplate } from '@joinedup/onboarding';
import { FieldError } from '../health-check/answer-form';
import { WebApplyImportDocument, WebImportPageDocument, WebImportPreviewDocument } from '../graphql/generated';
import { ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { localitySections } from '../manage/sections';
import { paramOf, uploadErrorOf } from '../web-kit';
import { FILE_FIELD, Upload, contentPieces, problemLines, readUpload, stepLines, tallyText } from './onboarding-view';

const LOCALITY_PATH = '/manage/localities/:localityId';
const IMPORT = 'import';
/** The base64 of the largest file, as the confirm form sends it back. */
const MAX_CONTENT_CHARS = Math.ceil(MAX_FILE_BYTES / 3) * 4;

const DONE = { imported: 'The file was imported: its member bodies and people are in the registry.' };

/** The upload: one file (at most 5 MB, not kept beyond the request) and the CSRF token, nothing else. */
const uploadParser = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 1, fieldNameSize: 20, fieldSize: 200, parts: 2, headerPairs: 20 },
}).single(FILE_FIELD);

/**
 * The confirmation: the previewed file comes back as base64 in the form (so the server keeps
 * nothing between preview and confirm), with its name, the preview's plan digest and the token.
 */
const confirmParser = multer({
  limits: { files: 0, fields: 4, fieldNameSize: 20, fieldSize: MAX_CONTENT_CHARS, parts: 4, headerPairs: 20 },
}).none();

/** This locality's import page, as sections.ts lists it. */
const importPath = (localityId: string): string => localitySections(localityId).find((s) => s.path.endsWith(`/${IMPORT}`))!.path;

/**
 * Onboarding a locality from a spreadsheet: the import page (template downloads and the
 * upload), the preview of an uploaded file (nothing written), and its confirmation, which
 * the API applies in one transaction only if the plan is still the one previewed.
 */
export function registerImportPages(manage: ManagePages): void {
  const { kit } = manage;

  /** The import page's data for a coordinator or administrator; undefined once answered. */
  async function importPage(req: Request, res: Response) {
    if (kit.badAddress(req, res, 'localityId')) return undefined;
    const data = await manage.read(req, res, WebImportPageDocument, { id: paramOf(req, 'localityId') });
    if (!data) return undefined;
    if (!MANAGING_ROLES.includes(data.me.role)) {
      kit.message(res, 403, 'You cannot import here', 'Only coordinators and tenant administrators can import member bodies and people from a spreadsheet. Ask one of them.');
      return undefined;
    }
    return data.locality;
  }

  async function showImport(req: Request, res: Response, errors: FieldError[] = []): Promise<void> {
    const locality = await importPage(req, res);
    if (!locality) return;
    // The locality's own page (its member bodies) is the first of its sections.
    const [members] = localitySections(locality.id);
    manage.form(res, 'onboarding/import.njk', { title: `Import into ${locality.name}`, locality, done: ManagePages.done(req, DONE), members, importPath: importPath(locality.id) }, errors);
  }

  kit.get(`${LOCALITY_PATH}/${IMPORT}`, showImport);

  kit.get(`${LOCALITY_PATH}/${IMPORT}/template.csv`, async (req, res) => {
    if (!(await importPage(req, res))) return;
    res.attachment('joinedup-import-template.csv').type('text/csv; charset=utf-8').send(`\uFEFF${csvTemplate()}`);
  });

  kit.get(`${LOCALITY_PATH}/${IMPORT}/template.xlsx`, async (req, res) => {
    if (!(await importPage(req, res))) return;
    res.attachment('joinedup-import-template.xlsx').type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await xlsxTemplate());
  });

  kit.postMultipart(`${LOCALITY_PATH}/${IMPORT}`, uploadParser, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const { file, error } = readUpload((req as Request & { file?: Upload }).file, uploadErrorOf(res));
    if (!file) return showImport(req, res, [error!]);
    const content = file.buffer.toString('base64');
    const localityId = paramOf(req, 'localityId');
    const result = await manage.session.run(req, res, WebImportPreviewDocument, {
      id: localityId,
      input: { localityId, fileName: file.originalname, content: contentPieces(content) },
    });
    if (!result) return res.redirect(303, '/sign-in');
    const refusal = result.errors?.find((e) => e.extensions.code === 'FORBIDDEN') ?? result.errors?.[0];
    if (refusal?.extensions.code === 'BAD_USER_INPUT') return showImport(req, res, [{ href: `#${FILE_FIELD}`, text: refusal.message }]);
    if (refusal) return kit.refused(res, refusal);
    const { locality, onboardingPreview: preview } = result.data!;
    kit.render(res, 'onboarding/preview.njk', {
      title: `Check the import into ${locality.name}`,
      locality,
      fileName: file.originalname,
      content,
      preview,
      bodies: tallyText(preview.bodies),
      people: tallyText(preview.people),
      problems: problemLines(preview.problems),
      steps: stepLines(preview.steps),
      importPath: importPath(locality.id),
    });
  });

  kit.postMultipart(`${LOCALITY_PATH}/${IMPORT}/confirm`, confirmParser, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const localityId = paramOf(req, 'localityId');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (name: string, max: number) => (typeof body[name] === 'string' && (body[name] as string).length <= max ? (body[name] as string) : '');
    const [fileName, content, planDigest] = [text('fileName', 200), text('content', MAX_CONTENT_CHARS), text('planDigest', 100)];
    if (uploadErrorOf(res) || !fileName || !content || !planDigest) {
      return kit.message(res, 400, 'This import could not be confirmed', 'Upload the file again and check its preview before confirming.');
    }
    const sent = await manage.submit(req, res, WebApplyImportDocument, { input: { localityId, fileName, content: contentPieces(content), planDigest } }, importPath(localityId), 'imported');
    if (sent) kit.message(res, 400, 'This import could not be confirmed', sent.error.message);
  });
}
