import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import {
  Sector,
  WebCreateOrganisationDocument,
  WebCreatePersonDocument,
  WebManageOrganisationDocument,
  WebManageOrganisationsDocument,
  WebManagePersonDocument,
  WebSetCompetenciesDocument,
} from '../graphql/generated';
import { FormReader } from '../manage/form-reader';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { refusedUnlessManaging } from '../manage/manage.pages';
import { cursorOf, paramOf } from '../web-kit';
import {
  BLANK_COMPETENCY_ROWS,
  competencyRows,
  CompetencyRow,
  LEVELS,
  MAX_NAME,
  MAX_REFERENCE,
  readCompetencies,
  readOrganisation,
  readPerson,
  rowsSent,
  SECTORS,
  Values,
} from './registry-forms';

const DONE: Record<string, string> = {
  created: 'Body added. Add its people below; to make it a member of a locality, open the locality.',
  person: 'Person added.',
  competencies: 'Competencies saved.',
};

/** The API's field names of a person's input, by the form field each is shown beside. */
const PERSON_FIELDS = { fullName: '#fullName', jobTitle: '#jobTitle', email: '#email', competencies: '#competency-0-name' };

/** The list's filters from the query string, bounded as the API bounds them. */
function filtersOf(req: Request): { name: string; sector?: Sector } {
  const name = typeof req.query.name === 'string' ? req.query.name.trim().slice(0, MAX_NAME) : '';
  const sector = SECTORS.find((s) => s.value === req.query.sector)?.value;
  return { name, sector };
}

/** "Finance (3), Programme management (4)" */
export const competenciesInWords = (competencies: readonly { name: string; level: number }[]): string =>
  competencies.map((c) => `${c.name} (${c.level})`).join(', ');

/**
 * `/manage/organisations`: the tenant's bodies (20 a page, by name and sector) and Add an
 * organisation; `/manage/organisations/<id>`: the body, its people (20 a page) with their
 * competencies, and Add a person; `/manage/people/<id>`: a person and Change competencies.
 * Coordinators and tenant administrators only; the API refuses anyone else's POST.
 */
export function registerOrganisationPages(manage: ManagePages): void {
  const { kit } = manage;

  async function showList(req: Request, res: Response, values: Values = {}, errors: FieldError[] = []): Promise<void> {
    const filters = filtersOf(req);
    const data = await manage.read(req, res, WebManageOrganisationsDocument, { after: cursorOf(req), name: filters.name || undefined, sector: filters.sector });
    if (!data || refusedUnlessManaging(kit, res, data.me.role)) return;
    const { pageInfo } = data.organisations;
    const query = { ...(filters.name ? { name: filters.name } : {}), ...(filters.sector ? { sector: filters.sector } : {}) };
    manage.form(
      res,
      'setup/organisations.njk',
      {
        title: 'Member bodies and people',
        organisations: data.organisations.nodes,
        filters,
        filtered: Object.keys(query).length > 0,
        next: pageInfo.hasNextPage ? `/manage/organisations?${new URLSearchParams({ ...query, after: pageInfo.endCursor! })}` : undefined,
        sectors: SECTORS,
        values,
        max: { reference: MAX_REFERENCE },
      },
      errors,
    );
  }

  kit.get('/manage/organisations', (req, res) => showList(req, res));

  kit.post('/manage/organisations', async (req, res) => {
    const { form, values, input } = readOrganisation(req.body);
    if (!form.ok) return showList(req, res, values, form.errors);
    const refused = await manage.submit(req, res, WebCreateOrganisationDocument, { input }, (r) => `/manage/organisations/${r.createOrganisation.id}`, 'created');
    if (refused) await showList(req, res, values, [apiFieldError(refused.error, { name: '#name', sector: '#sector', externalRef: '#externalRef' }, '#name')]);
  });

  async function showOrganisation(req: Request, res: Response, values: Values = {}, rows?: CompetencyRow[], errors: FieldError[] = []): Promise<void> {
    if (kit.badAddress(req, res, 'organisationId')) return;
    const data = await manage.read(req, res, WebManageOrganisationDocument, { id: paramOf(req, 'organisationId'), after: cursorOf(req) });
    if (!data || refusedUnlessManaging(kit, res, data.me.role)) return;
    const { organisation } = data;
    const { pageInfo } = organisation.peopleConnection;
    manage.form(
      res,
      'setup/organisation.njk',
      {
        title: organisation.name,
        organisation,
        people: organisation.peopleConnection.nodes.map((p) => ({ ...p, competencies: competenciesInWords(p.competencies) })),
        next: pageInfo.hasNextPage ? `/manage/organisations/${organisation.id}?after=${encodeURIComponent(pageInfo.endCursor!)}` : undefined,
        done: ManagePages.done(req, DONE),
        values,
        rows: rows ?? competencyRows([]),
        levels: LEVELS,
        competencyNames: data.competencyNames,
      },
      errors,
    );
  }

  kit.get('/manage/organisations/:organisationId', (req, res) => showOrganisation(req, res));

  kit.post('/manage/organisations/:organisationId/people', async (req, res) => {
    if (kit.badAddress(req, res, 'organisationId')) return;
    const { form, values, rows, input } = readPerson(req.body);
    if (!form.ok) return showOrganisation(req, res, values, rows, form.errors);
    const organisationId = paramOf(req, 'organisationId');
    const refused = await manage.submit(req, res, WebCreatePersonDocument, { input: { ...input, organisationId } }, `/manage/organisations/${organisationId}`, 'person');
    if (refused) await showOrganisation(req, res, values, rows, [apiFieldError(refused.error, PERSON_FIELDS, '#fullName')]);
  });

  async function showPerson(req: Request, res: Response, rows?: CompetencyRow[], errors: FieldError[] = []): Promise<void> {
    if (kit.badAddress(req, res, 'personId')) return;
    const data = await manage.read(req, res, WebManagePersonDocument, { id: paramOf(req, 'personId') });
    if (!data || refusedUnlessManaging(kit, res, data.me.role)) return;
    const { person } = data;
    manage.form(
      res,
      'setup/person.njk',
      {
        title: person.fullName,
        person,
        rows: rows ?? competencyRows(person.competencies),
        levels: LEVELS,
        competencyNames: data.competencyNames,
        blanks: BLANK_COMPETENCY_ROWS,
        done: ManagePages.done(req, DONE),
      },
      errors,
    );
  }

  kit.get('/manage/people/:personId', (req, res) => showPerson(req, res));

  kit.post('/manage/people/:personId/competencies', async (req, res) => {
    if (kit.badAddress(req, res, 'personId')) return;
    const form = new FormReader(req.body);
    const { rows, competencies } = readCompetencies(form, rowsSent(form));
    if (!form.ok) return showPerson(req, res, rows, form.errors);
    const personId = paramOf(req, 'personId');
    const refused = await manage.submit(req, res, WebSetCompetenciesDocument, { input: { personId, competencies } }, `/manage/people/${personId}`, 'competencies');
    if (refused) await showPerson(req, res, rows, [apiFieldError(refused.error, { competencies: '#competency-0-name' }, '#competency-0-name')]);
  });
}
