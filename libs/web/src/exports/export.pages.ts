import { CSV_BOM } from '@joinedup/csv';
import { WebRegisterCsvDocument, WebRegisterExportsDocument } from '../graphql/generated';
import { ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { localitySections } from '../manage/sections';
import { paramOf } from '../web-kit';
import { exportsPath, registerLinks, registerOfSlug, safeFileName } from './export-view';

/**
 * A locality's registers as CSV files for Excel: the page listing them, and each file,
 * run as the signed-in user through the API (which refuses member representatives in its
 * words and reads the registers under row-level security as the caller).
 */
export function registerExportPages(manage: ManagePages): void {
  const { kit } = manage;
  const page = exportsPath(':localityId');

  kit.get(page, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const localityId = paramOf(req, 'localityId');
    const data = await manage.read(req, res, WebRegisterExportsDocument, { localityId });
    if (!data) return;
    const here = exportsPath(localityId);
    kit.render(res, 'exports/exports.njk', {
      title: `Download registers: ${data.locality.name}`,
      locality: data.locality,
      registers: registerLinks(localityId, data.localityRegisters),
      // Reviewers download too, but run nothing from the management pages.
      sections: MANAGING_ROLES.includes(data.me.role) ? localitySections(localityId).filter((section) => section.path !== here) : [],
    });
  });

  kit.get(`${page}/:file`, async (req, res) => {
    const file = /^([a-z-]+)\.csv$/.exec(paramOf(req, 'file'));
    const register = file ? registerOfSlug(file[1]) : undefined;
    if (!register) return kit.message(res, 404, 'Page not found', 'Check the address, or go back to the list of registers.');
    if (kit.badAddress(req, res, 'localityId')) return;
    const data = await manage.read(req, res, WebRegisterCsvDocument, { localityId: paramOf(req, 'localityId'), register });
    if (!data) return;
    const { fileName, text } = data.localityRegisterCsv;
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${safeFileName(fileName)}"`)
      .setHeader('Cache-Control', 'no-store');
    res.send(CSV_BOM + text);
  });
}
