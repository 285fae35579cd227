import { Request, Response } from 'express';
import { WebBoardPackDocument, WebBoardPackQuery } from '../graphql/generated';
import { healthView, surveyView } from '../health/health-sections';
import { trendPeriod } from '../health/health-view';
import { PdfPrinter, PrintUnavailable } from '../pdf/pdf-printer';
import { SignedInSession } from '../session/signed-in';
import { WebKit, paramOf } from '../web-kit';
import { asOfOf, barrierFlags, changeTotals, dayOf, programmeRows, sinceOf } from './board-pack-view';

/** What a busy or broken printer asks the browser to wait before trying again (seconds). */
const RETRY_AFTER_SECONDS = 30;

/**
 * The partnership board pack of a locality: `/localities/:id/board-pack`, a print page, and
 * `/localities/:id/board-pack.pdf`, the same page printed to A4 by headless Chromium. Both
 * run the one document as the signed-in user (the API refuses member representatives, shown
 * in its words). The PDF's HTML is rendered here and handed to Chromium whole (PdfPrinter):
 * the session's tokens never leave this process.
 */
export function registerBoardPackPages(kit: WebKit, session: SignedInSession, printer: PdfPrinter): void {
  /** The pack's page as HTML, or undefined once the browser was sent to sign in or refused. */
  async function packHtml(req: Request, res: Response): Promise<{ html: string; fileName: string } | undefined> {
    if (kit.badAddress(req, res, 'localityId')) return undefined;
    const now = new Date();
    const data = await session.read(req, res, WebBoardPackDocument, { localityId: paramOf(req, 'localityId'), ...trendPeriod(now) });
    if (!data) return undefined;
    const { context, fileName } = boardPackView(data, now);
    return { html: kit.part('board-pack/board-pack.njk', context), fileName };
  }

  kit.get('/localities/:localityId/board-pack', async (req, res) => {
    const pack = await packHtml(req, res);
    if (pack) res.type('html').send(pack.html);
  });

  kit.get('/localities/:localityId/board-pack.pdf', async (req, res) => {
    const pack = await packHtml(req, res);
    if (!pack) return;
    let pdf: Buffer;
    try {
      pdf = await printer.print(pack.html);
    } catch (error) {
      if (!(error instanceof PrintUnavailable)) throw error;
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      const why = error.reason === 'busy' ? 'Other board packs are being printed now.' : 'The printer of board packs is not working at the moment.';
      return kit.message(res, 503, 'The board pack cannot be printed now', why, 'Try again in a minute. The locality’s health page shows the same figures.');
    }
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${pack.fileName}"`);
    res.send(pdf);
  });
}

/** The print page's context from the document's answer, and the PDF's file name (locality code and as-of day). */
export function boardPackView(data: WebBoardPackQuery, now: Date): { context: Record<string, unknown>; fileName: string } {
  const { locality } = data;
  const asOf = asOfOf(data, now);
  const since = sinceOf(asOf);
  const barriers = barrierFlags(data, asOf, since);
  const context = {
    title: `Board pack: ${locality.name}`,
    locality,
    asOfDay: dayOf(asOf),
    sinceDay: dayOf(since),
    ...healthView(locality.name, locality.governanceHealth, data.healthTrend),
    barriers,
    totals: changeTotals(data, barriers),
    survey: surveyView(data.latestHealthCheckResults),
    programmes: programmeRows(data, asOf),
  };
  return { context, fileName: `board-pack-${locality.code.replace(/[^A-Za-z0-9-]/g, '')}-${dayOf(asOf)}.pdf` };
}
