import { Request, Response } from 'express';
import { SignedInSession } from '../session/signed-in';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { WebKit, cursorOf, paramOf } from '../web-kit';
import { radarOption, surveyOption, trendOption } from './chart-options';
import { renderChart } from './chart-svg';
import { HealthScores, barrierLabel } from './health-barriers';
import { WebLocalitiesHealthDocument, WebLocalityHealthDocument, WebProgrammeHealthDocument } from '../graphql/generated';
import { LOCALITIES_PAGE_SIZE } from './health.documents';
import { LatestResults, dayFrom, flagGroups, monthEnds, overviewRow, scoreRows, trendPeriod } from './health-view';

/** How far back a page's trend reaches. */
/** A locality page lists at most this many of its programmes. */
const PROGRAMMES_SHOWN = 50;

/**
 * The leader and reviewer pages of governance health: the tenant's localities with their
 * health, a locality's health (scores, trend, flags by barrier, its latest health check) and
 * a programme's (the same, with its own rounds' latest). Each runs one document as the
 * signed-in user; the API refuses member representatives, and the page says so in its words.
 */
export function registerHealthPages(kit: WebKit, session: SignedInSession): void {
  /** The page's data, or undefined once the browser was sent to sign in or shown the refusal. */
  async function read<TResult, TVariables>(
    req: Request,
    res: Response,
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult | undefined> {
    const result = await session.run(req, res, document, variables);
    if (!result) {
      res.redirect(303, '/sign-in');
      return undefined;
    }
    const errors = result.errors ?? [];
    // A refusal says more than the not-found of a part the caller may not read.
    const error = errors.find((e) => e.extensions.code === 'FORBIDDEN') ?? errors[0];
    if (error) {
      kit.refused(res, error);
      return undefined;
    }
    return result.data!;
  }

  kit.get('/localities', async (req, res) => {
    const now = new Date();
    const data = await read(req, res, WebLocalitiesHealthDocument, {
      first: LOCALITIES_PAGE_SIZE,
      after: cursorOf(req),
      monthAgo: dayFrom(now, -30),
    });
    if (!data) return;
    kit.render(res, 'health/localities.njk', {
      title: 'Governance health',
      localities: data.localities.nodes.map(overviewRow),
      pageInfo: data.localities.pageInfo,
      highFlags: data.governanceFlags.nodes,
    });
  });

  kit.get('/localities/:localityId', async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const now = new Date();
    const localityId = paramOf(req, 'localityId');
    const data = await read(req, res, WebLocalityHealthDocument, { localityId, ...trendPeriod(now), after: cursorOf(req) });
    if (!data) return;
    const { locality } = data;
    // Everyone who may read a locality sees the same page of it until its figures change (or the day, for the flags' ages): kept.
    kit.renderKept(res, 'health/locality.njk', {
      title: `Health of ${locality.name}`,
      locality,
      programmes: locality.programmes.slice(0, PROGRAMMES_SHOWN),
      moreProgrammes: Math.max(0, locality.programmes.length - PROGRAMMES_SHOWN),
      ...healthView(locality.name, locality.governanceHealth, data.healthTrend),
      flagGroups: flagGroups(data.governanceFlags.nodes, now, locality.id),
      flagsPage: data.governanceFlags.pageInfo,
      survey: surveyView(data.latestHealthCheckResults),
    });
  });

  kit.get('/programmes/:programmeId', async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const now = new Date();
    const programmeId = paramOf(req, 'programmeId');
    const data = await read(req, res, WebProgrammeHealthDocument, { programmeId, ...trendPeriod(now), after: cursorOf(req) });
    if (!data) return;
    const { programme } = data;
    kit.render(res, 'health/programme.njk', {
      title: `Health of ${programme.name}`,
      programme,
      ...healthView(programme.name, programme.governanceHealth, data.healthTrend),
      flagGroups: flagGroups(data.governanceFlags.nodes, now, programme.id),
      flagsPage: data.governanceFlags.pageInfo,
      survey: surveyView(data.latestHealthCheckResults),
    });
  });
}

/** The scores with their radar, and the trend of month ends with its lines. */
function healthView(name: string, health: HealthScores | null, trend: HealthScores[]) {
  const points = monthEnds(trend);
  return {
    health,
    scores: health ? scoreRows(health) : [],
    radar: health ? renderChart({ option: radarOption(health), width: 560, height: 440, label: `Scores of ${name} by barrier, 0 to 100` }) : null,
    trend: points.map((p) => ({ ...p, scores: scoreRows(p) })),
    trendChart: points.length
      ? renderChart({ option: trendOption(points), width: 560, height: 440, label: `Scores of ${name} by barrier at each month's last scan, 0 to 100` })
      : null,
  };
}

/** The latest health check: its figures with their bars, or why they are withheld. */
function surveyView(results: LatestResults | null) {
  if (!results) return null;
  const shown = !results.suppressed && results.barriers.length > 0;
  return {
    ...results,
    barriers: results.barriers.map((b) => ({ ...b, label: barrierLabel(b.barrier) })),
    perceptionGap: results.perceptionGap.map((g) => ({ ...g, label: barrierLabel(g.barrier) })),
    chart: shown
      ? renderChart({
          option: surveyOption(results.barriers),
          width: 520,
          height: 150 + 48 * results.barriers.length,
          label: `Share reporting each weakness in ${results.round.title}, with 95 % intervals, beside 2007`,
        })
      : null,
  };
}
