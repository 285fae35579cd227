import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Express } from 'express';
import { AppConfig } from '@joinedup/config';
import { requestContextMiddleware } from '@joinedup/graphql-kit';
import { registerCalendarPages } from './calendar/calendar.pages';
import { registerConflictLogPage } from './conflicts/conflict-log.pages';
import { registerConflictPage } from './conflicts/conflict.pages';
import { registerConflictProcessPages } from './conflicts/conflict-process.pages';
import { CsrfTokens } from './csrf';
import { GraphQLRunner } from './graphql-runner';
import { KeptPages } from './kept-pages';
import { PdfPrinter } from './pdf/pdf-printer';
import { RenderedParts } from './rendered-parts';
import { registerHealthCheckPages } from './health-check/health-check.pages';
import { registerHealthPages } from './health/health.pages';
import { registerRoundPages } from './health-check-rounds/rounds.pages';
import { registerAdminPages } from './admin/admin.pages';
import { registerBoardPackPages } from './board-pack/board-pack.pages';
import { registerFlagPages } from './flags/flag.pages';
import { registerImprovementPages } from './improvement/improvement.pages';
import { registerExportPages } from './exports/export.pages';
import { registerManageHub } from './manage/manage.pages';
import { registerLocalityPages } from './setup/localities.pages';
import { registerOrganisationPages } from './setup/organisations.pages';
import { registerSetupPage } from './setup/setup.pages';
import { registerMailPreferencesPages } from './mail-preferences/mail-preferences.pages';
import { registerMemberPages } from './member/member.pages';
import { registerImportPages } from './onboarding/onboarding.pages';
import { registerProgrammeRecordPages } from './programme-records/programme-records.pages';
import { registerProgrammePages } from './programmes/programme.pages';
import { registerRecordPages } from './records/record.pages';
import { registerSessionPages } from './session/session.pages';
import { SignedInSession } from './session/signed-in';
import { STATIC_FOLDERS, viewEnvironment } from './views';
import { WebKit } from './web-kit';
import { webSecurityHeaders } from './web-security';

/** Health-check forms: 7 comments of 2000 characters, URL-encoded, with room to spare. */
const FORM_BODY_LIMIT = '256kb';
/** Rendered parts kept (about 25 kB each: a blank health-check form). */
const PARTS_KEPT = 200;
/** Whole pages kept (27–60 kB each: a blank survey form, a locality's health). */
const PAGES_KEPT = 200;

/**
 * The web pages, served by the API's own Express app and port: GOV.UK Frontend's files,
 * then the pages, each of which gets its data with one GraphQL document (GraphQLRunner).
 * Called before the app starts, so these routes come before Nest's.
 */
export function mountWebPages(app: NestExpressApplication, config: AppConfig): void {
  for (const { prefix, dir } of STATIC_FOLDERS) app.useStaticAssets(dir, { prefix, index: false });
  app.useBodyParser('urlencoded', { limit: FORM_BODY_LIMIT, extended: false });

  const http = app.getHttpAdapter().getInstance() as Express;
  // Templates are compiled once and parts kept in production; elsewhere they may be changing.
  const production = config.nodeEnv === 'production';
  const kit = new WebKit(
    http,
    [requestContextMiddleware, cookieParser(), ...webSecurityHeaders()],
    viewEnvironment(production),
    new GraphQLRunner(app),
    new CsrfTokens(config.jwtSecret),
    config.nodeEnv !== 'development' && config.nodeEnv !== 'test',
    new RenderedParts(production ? PARTS_KEPT : 0),
    new KeptPages(production ? PAGES_KEPT : 0),
  );
  kit.get('/', async (_req, res) => kit.render(res, 'start.njk', { title: 'JoinedUp' }));
  registerHealthCheckPages(kit);
  const session = new SignedInSession(kit, config.refreshTokenTtlSeconds * 1000);
  registerSessionPages(kit, session);
  registerRoundPages(kit, session);
  registerMemberPages(kit, session);
  registerBoardPackPages(kit, session, app.get(PdfPrinter));
  registerHealthPages(kit, session);
  registerFlagPages(kit, session);
  registerRecordPages(kit, session);
  registerCalendarPages(kit, session);
  registerMailPreferencesPages(kit, session);
  // Coordinators' and tenant administrators' pages: each area registers on `manage`.
  const manage = registerManageHub(kit, session);
  registerSetupPage(manage);
  registerLocalityPages(manage);
  registerOrganisationPages(manage);
  registerImportPages(manage);
  registerProgrammePages(manage);
  registerConflictProcessPages(manage);
  registerConflictLogPage(manage);
  registerConflictPage(manage);
  registerExportPages(manage);
  registerProgrammeRecordPages(manage);
  registerAdminPages(manage);
  registerImprovementPages(manage);
}
