import { exportsPath } from '../exports/export-view';
import { SignedInSession } from '../session/signed-in';
import { WebKit, cursorOf, paramOf } from '../web-kit';
import { WebLocalitiesHealthDocument, WebLocalityHealthDocument, WebProgrammeHealthDocument } from '../graphql/generated';
import { LOCALITIES_PAGE_SIZE } from './health.documents';
import { dayFrom, flagGroups, overviewRow, trendPeriod } from './health-view';
import { healthView, surveyView } from './health-sections';

/** A locality page lists at most this many of its programmes. */
const PROGRAMMES_SHOWN = 50;

/**
 * The leader and reviewer pages of governance health: the tenant's localities with their
 * health, a locality's health (scores, trend, flags by barrier, its latest health check) and
 * a programme's (the same, with its own rounds' latest). Each runs one document as the
 * signed-in user; the API refuses member representatives, and the page says so in its words.
 */
export function registerHealthPages(kit: WebKit, session: SignedInSession): void {
  const read = session.read.bind(session);

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
      registersHref: exportsPath(locality.id),
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
