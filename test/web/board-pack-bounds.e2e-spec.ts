import { loadConfig } from '@joinedup/config';
import { PdfPrinter, PrintUnavailable } from '@joinedup/web';
import { boardPackView } from '../../libs/web/src/board-pack/board-pack.pages';
import type { WebBoardPackQuery } from '../../libs/web/src/graphql/generated';
import { HEALTH_BARRIERS } from '../../libs/web/src/health/health-barriers';
import { viewEnvironment } from '../../libs/web/src/views';
import { readPdf } from '../support/pdf-text';

const LONG = 'A long message that a rule could write about a programme and its records, with names of bodies and people in it, and dates: ';
const long = (n: number) => (LONG.repeat(3) + n).slice(0, 400);

/** The largest pack the document can give: every list as long as the API allows, every text long. */
function fullestPack(): WebBoardPackQuery {
  const health = (day: string, score: number) => ({
    takenAt: `${day}T03:00:00.000Z`, overall: score, openFlags: 100,
    flexibility: score, recognition: score, communication: score, conflictResolution: score, roleFit: score, leadership: score, continuousImprovement: score,
  });
  const months = Array.from({ length: 13 }, (_, i) => health(new Date(Date.UTC(2025, 11 + i, 28)).toISOString().slice(0, 10), 40 + i));
  const flags = Array.from({ length: 100 }, (_, i) => ({
    id: `f${i}`, barrier: HEALTH_BARRIERS[i % 7].code, severity: 'HIGH', message: long(i), firstRaisedAt: `2026-0${1 + (i % 9)}-01T03:00:00Z`, programme: { name: `Programme with a long name number ${i}` },
  }));
  const programmes = Array.from({ length: 60 }, (_, i) => ({
    id: `p${i}`, name: `Programme with a rather long name to wrap, number ${i}`, status: 'ACTIVE', governanceHealth: { overall: 50 },
    leader: { agreedAt: '2024-01-01T00:00:00Z', reconfirmBy: '2026-01-01', person: { fullName: 'Alexandra Montgomery-Fitzwilliam' } },
    nextReview: { dueOn: '2026-06-01' },
    completedReviews: [{ completedOn: '2025-06-01', effectivenessRating: 2, efficiencyRating: 3 }],
    openActions: Array.from({ length: 20 }, (_, j) => ({ id: `a${j}`, description: long(j), dueOn: '2026-02-01', owner: { fullName: 'Bartholomew Featherstonehaugh' } })),
    milestones: Array.from({ length: 20 }, (_, j) => ({ id: `m${j}`, name: long(j), dueOn: '2026-03-01', achieved: false })),
  }));
  const barriers = HEALTH_BARRIERS.map((b, i) => ({
    position: i + 1, barrier: b.code, statement: long(i), answered: 400, reportingWeakness: 200, share: 0.5, interval: { low: 0.45, high: 0.55 }, baselineShare: 0.47, baselineLabel: '47 %',
  }));
  return {
    locality: { id: 'l', name: 'Newcastle upon Tyne and Gateshead', code: 'E08000021', governanceHealth: health('2026-12-05', 52), governanceFlagCounts: { high: 100, medium: 100, low: 100 }, programmes },
    healthTrend: months,
    openFlags: { nodes: flags, pageInfo: { hasNextPage: true } },
    raisedFlags: { nodes: flags.map((f) => ({ id: f.id, barrier: f.barrier, firstRaisedAt: '2026-12-02T03:00:00Z' })), pageInfo: { hasNextPage: true } },
    resolvedFlags: { nodes: flags.map((f) => ({ id: f.id, barrier: f.barrier, resolvedAt: '2026-12-02T03:00:00Z' })), pageInfo: { hasNextPage: true } },
    latestHealthCheckResults: {
      round: { id: 'r', title: 'Autumn health check of every body in the partnership', opensOn: '2026-10-01', closesOn: '2026-11-01', status: 'CLOSED' },
      provisional: false, suppressed: false, note: null, invitedCount: 800, responseCount: 400, countNeutral: true, barriers,
      perceptionGap: HEALTH_BARRIERS.map((b) => ({ barrier: b.code, surveyShare: 0.5, recordsShare: 0.25, programmes: 60, flaggedProgrammes: 15, reading: long(1).slice(0, 300) })),
    },
  } as unknown as WebBoardPackQuery;
}

/**
 * The pack's lists are bounded so that the fullest pack the document can give (100 flags
 * of long messages, 60 programmes with 42 overdue items each, a year of trend, a full health
 * check) still prints on at most 4 A4 pages, with the service's printer.
 */
describe('board pack printing bounds', () => {
  const printer = new PdfPrinter(loadConfig());
  afterAll(() => printer.onModuleDestroy());

  it('prints the fullest pack on at most 4 A4 pages', async () => {
    const { context } = boardPackView(fullestPack(), new Date('2026-12-05T12:00:00Z'));
    const html = viewEnvironment(false).render('board-pack/board-pack.njk', context);
    const raw = await printer.print(html);
    const pdf = await readPdf(raw);
    expect(pdf.pages.length).toBeLessThanOrEqual(4);
    expect(pdf.text).toMatch(/And 1[23] more\./);
    expect(pdf.text).toContain('And 54 more programmes, not listed here.');
  }, 60_000);

  it('abandons a print that takes longer than its timeout, and prints the next', async () => {
    // 3 s: far less than the endless print, and enough for the next one with a Chromium started afresh on a busy machine.
    const impatient = new PdfPrinter(loadConfig({ ...process.env, BOARD_PACK_TIMEOUT_MS: '3000' }));
    try {
      // Thousands of pages: far more than a few seconds' printing.
      const endless = `<!DOCTYPE html><html lang="en"><title>Long</title><body><table>${'<tr><td>A row of a very long table</td></tr>'.repeat(200_000)}</table></body></html>`;
      const started = Date.now();
      await expect(impatient.print(endless)).rejects.toEqual(new PrintUnavailable('timeout'));
      expect(Date.now() - started).toBeLessThan(10_000);
      const pdf = await readPdf(await impatient.print('<!DOCTYPE html><html lang="en"><title>Short</title><body><p>Printed after a timeout</p></body></html>'));
      expect(pdf.text).toContain('Printed after a timeout');
    } finally {
      await impatient.onModuleDestroy();
    }
  }, 60_000);
});
