import { Request, Response } from 'express';
import { MAX_ACTIVE_MEMBERS } from '@joinedup/registry';
import { FieldError } from '../health-check/answer-form';
import {
  WebAddMemberDocument,
  WebArchiveLocalityDocument,
  WebCreateLocalityDocument,
  WebCreateOrganisationDocument,
  WebManageArchiveDocument,
  WebManageLocalitiesDocument,
  WebManageLocalityDocument,
  WebManageMemberDocument,
  WebRecordMemberLeftDocument,
  WebRenameLocalityDocument,
} from '../graphql/generated';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { refusedUnlessManaging } from '../manage/manage.pages';
import { FormReader } from '../manage/form-reader';
import { localitySections } from '../manage/sections';
import { cursorOf, paramOf } from '../web-kit';
import { MAX_NAME, MAX_REFERENCE, MAX_REGION, readLocality, readName, readOrganisation, SECTORS, Values } from './registry-forms';


const DONE: Record<string, string> = {
  created: 'Locality added. Add its member bodies below.',
  renamed: 'Locality renamed.',
  archived: 'Locality archived: it keeps its records and takes no new member bodies.',
  added: 'Member body added.',
  left: 'Recorded that the body left: it also left the locality’s programmes.',
};

const LOCALITY = '/manage/localities/:localityId';
const at = (req: Request) => `/manage/localities/${paramOf(req, 'localityId')}`;

/** The search of the tenant's bodies to add, kept from the query string (bounded as the API bounds it). */
const searchOf = (req: Request): string => (typeof req.query.search === 'string' ? req.query.search.trim().slice(0, MAX_NAME) : '');

/**
 * `/manage/localities`: localities (20 a page, archived ones marked) and Add a locality;
 * `/manage/localities/<id>`: rename, archive (confirmed on a page of its own), the
 * locality's sections, its member bodies (at most 40) with Add a member body (one of the
 * tenant's bodies, searched and paged, or a new one in the same change) and Record that a
 * body left. Coordinators and tenant administrators only; the API refuses anyone else's POST.
 */
export function registerLocalityPages(manage: ManagePages): void {
  const { kit } = manage;

  async function showList(req: Request, res: Response, values: Values = {}, errors: FieldError[] = []): Promise<void> {
    const data = await manage.read(req, res, WebManageLocalitiesDocument, { after: cursorOf(req) });
    if (!data || refusedUnlessManaging(kit, res, data.me.role)) return;
    const { pageInfo } = data.localities;
    manage.form(
      res,
      'setup/localities.njk',
      { title: 'Localities', localities: data.localities.nodes, next: pageInfo.hasNextPage ? `/manage/localities?after=${encodeURIComponent(pageInfo.endCursor!)}` : undefined, values, max: { name: MAX_NAME, region: MAX_REGION } },
      errors,
    );
  }

  kit.get('/manage/localities', (req, res) => showList(req, res));

  kit.post('/manage/localities', async (req, res) => {
    const { form, values, input } = readLocality(req.body);
    if (!form.ok) return showList(req, res, values, form.errors);
    const refused = await manage.submit(req, res, WebCreateLocalityDocument, { input }, (r) => `/manage/localities/${r.createLocality.id}`, 'created');
    if (refused) await showList(req, res, values, [apiFieldError(refused.error, { name: '#name', code: '#code', region: '#region' }, '#name')]);
  });

  async function showLocality(req: Request, res: Response, values: Values = {}, errors: FieldError[] = []): Promise<void> {
    if (kit.badAddress(req, res, 'localityId')) return;
    const search = searchOf(req);
    const data = await manage.read(req, res, WebManageLocalityDocument, { id: paramOf(req, 'localityId'), search: search || undefined, after: cursorOf(req) });
    if (!data || refusedUnlessManaging(kit, res, data.me.role)) return;
    const { locality, organisations } = data;
    const memberIds = new Set(locality.members.map((m) => m.organisation.id));
    const more = organisations.pageInfo.hasNextPage
      ? `${at(req)}?${new URLSearchParams({ ...(search ? { search } : {}), after: organisations.pageInfo.endCursor! })}#add-member`
      : undefined;
    manage.form(
      res,
      'setup/locality.njk',
      {
        title: locality.name,
        locality,
        members: [...locality.members].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name)),
        sections: localitySections(locality.id),
        full: locality.activeMemberCount >= MAX_ACTIVE_MEMBERS,
        cap: MAX_ACTIVE_MEMBERS,
        candidates: organisations.nodes.filter((o) => !memberIds.has(o.id)),
        search,
        more,
        sectors: SECTORS,
        done: ManagePages.done(req, DONE),
        values: { localityName: locality.name, ...values },
        max: { name: MAX_NAME, reference: MAX_REFERENCE },
      },
      errors,
    );
  }

  kit.get(LOCALITY, (req, res) => showLocality(req, res));

  kit.post(`${LOCALITY}/rename`, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const { form, name } = readName(req.body);
    if (!form.ok) return showLocality(req, res, { localityName: name }, form.errors);
    const refused = await manage.submit(req, res, WebRenameLocalityDocument, { input: { localityId: paramOf(req, 'localityId'), name } }, at(req), 'renamed');
    if (refused) await showLocality(req, res, { localityName: name }, [apiFieldError(refused.error, {}, '#localityName')]);
  });

  kit.post(`${LOCALITY}/members`, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const form = new FormReader(req.body);
    const organisationId = form.id('organisationId', 'the body to add');
    if (!organisationId) return showLocality(req, res, {}, form.errors);
    const refused = await manage.submit(req, res, WebAddMemberDocument, { input: { localityId: paramOf(req, 'localityId'), organisationId } }, at(req), 'added');
    if (refused) await showLocality(req, res, {}, [apiFieldError(refused.error, {}, '#organisationId')]);
  });

  kit.post(`${LOCALITY}/members/new`, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const { form, values, input } = readOrganisation(req.body, paramOf(req, 'localityId'));
    if (!form.ok) return showLocality(req, res, values, form.errors);
    const refused = await manage.submit(req, res, WebCreateOrganisationDocument, { input }, at(req), 'added');
    if (refused) await showLocality(req, res, values, [apiFieldError(refused.error, { name: '#name', sector: '#sector', externalRef: '#externalRef' }, '#name')]);
  });

  kit.get(`${LOCALITY}/archive`, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const data = await manage.read(req, res, WebManageArchiveDocument, { id: paramOf(req, 'localityId') });
    if (!data || refusedUnlessManaging(kit, res, data.me.role)) return;
    const { locality } = data;
    const open = locality.programmes.filter((p) => p.status !== 'CLOSED').length;
    kit.render(res, 'setup/archive.njk', { title: `Archive ${locality.name}`, locality, open });
  });

  kit.post(`${LOCALITY}/archive`, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const refused = await manage.submit(req, res, WebArchiveLocalityDocument, { localityId: paramOf(req, 'localityId') }, at(req), 'archived');
    if (refused) kit.refused(res, refused.error);
  });

  async function showLeaving(req: Request, res: Response, values: Values = {}, errors: FieldError[] = []): Promise<void> {
    if (kit.badAddress(req, res, 'localityId', 'organisationId')) return;
    const data = await manage.read(req, res, WebManageMemberDocument, { localityId: paramOf(req, 'localityId'), organisationId: paramOf(req, 'organisationId') });
    if (!data || refusedUnlessManaging(kit, res, data.me.role)) return;
    manage.form(res, 'setup/member-left.njk', { title: `Record that ${data.organisation.name} left`, locality: data.locality, organisation: data.organisation, values }, errors);
  }

  const LEFT = `${LOCALITY}/members/:organisationId/left`;
  kit.get(LEFT, (req, res) => showLeaving(req, res));

  kit.post(LEFT, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId', 'organisationId')) return;
    const form = new FormReader(req.body);
    const leftOn = form.day('leftOn', 'the day it left');
    const values = Object.fromEntries(Object.entries(form.dateParts('leftOn')).map(([part, v]) => [`leftOn-${part}`, v]));
    if (!form.ok) return showLeaving(req, res, values, form.errors);
    const input = { localityId: paramOf(req, 'localityId'), organisationId: paramOf(req, 'organisationId'), leftOn };
    const refused = await manage.submit(req, res, WebRecordMemberLeftDocument, { input }, at(req), 'left');
    if (refused) await showLeaving(req, res, values, [apiFieldError(refused.error, { leftOn: '#leftOn-day' }, '#leftOn-day')]);
  });
}
