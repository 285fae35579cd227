import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import {
  WebAddParticipantDocument,
  WebCreateProgrammeDocument,
  WebManageProgrammeDocument,
  WebManageProgrammeQuery,
  WebManageProgrammesDocument,
  WebRemoveParticipantDocument,
  WebUpdateProgrammeDocument,
} from '../graphql/generated';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { programmeSections } from '../manage/sections';
import { cursorOf, paramOf } from '../web-kit';
import { localityAddress, localityProgrammesAddress, programmeAddresses } from './programme-addresses';
import { blankProgramme, PROGRAMME_BOUNDS, ProgrammeValues, readChoice, readProgramme, readStatus, RULE_KINDS } from './programme-forms';
import { registerLeadershipPages } from './leadership.pages';
import { PROGRAMMES_PAGE_SIZE } from './programme.documents';
import { registerRolePages } from './role.pages';
import { ruleText, statusChoices } from './programme-view';

/** What each form did, for the banner of the page it comes back to. */
const DONE = {
  created: 'Programme created',
  status: 'Status changed',
  added: 'Body added to the programme',
  removed: 'Body removed from the programme',
};

/** The API's field names in createProgramme's refusals, as the form's fields. */
const PROGRAMME_FIELDS: Record<string, string> = {
  name: '#name',
  purpose: '#purpose',
  startsOn: '#startsOn-day',
  endsOn: '#endsOn-day',
  reviewCadenceDays: '#reviewCadenceDays',
  leaderTermMonths: '#leaderTermMonths',
  participantIds: '#participantIds',
  'agreementRule.supportThreshold': '#supportPercent',
  'agreementRule.maxOpposing': '#maxOpposing',
};

/**
 * A locality's programmes (paged, with status and leader) and creating one; a programme's
 * status, dates and agreement rule, changing its status, its participants, and its hub.
 * Forms are shown to those who may act (MANAGING_ROLES); a POST from anyone else is sent
 * and refused by the API in its words.
 */
export function registerProgrammePages(manage: ManagePages): void {
  const { kit } = manage;
  const listRoute = localityProgrammesAddress(':localityId');
  const { programme: programmeRoute } = programmeAddresses(':programmeId');

  async function showList(req: Request, res: Response, values: ProgrammeValues, errors: FieldError[] = []): Promise<void> {
    const localityId = paramOf(req, 'localityId');
    const data = await manage.read(req, res, WebManageProgrammesDocument, { localityId, first: PROGRAMMES_PAGE_SIZE, after: cursorOf(req) });
    if (!data) return;
    const { locality, programmes } = data;
    manage.form(
      res,
      'programmes/programmes.njk',
      {
        title: `Programmes of ${locality.name}`,
        locality,
        programmes: programmes.nodes.map((p) => ({ ...p, address: programmeAddresses(p.id).programme })),
        next: programmes.pageInfo.hasNextPage ? `${localityProgrammesAddress(locality.id)}?after=${encodeURIComponent(programmes.pageInfo.endCursor!)}` : undefined,
        localityAddress: localityAddress(locality.id),
        canManage: MANAGING_ROLES.includes(data.me.role) && !locality.archivedAt,
        members: locality.members.map((m) => m.organisation).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
        ruleKinds: RULE_KINDS,
        bounds: PROGRAMME_BOUNDS,
        values,
        done: ManagePages.done(req, DONE),
      },
      errors,
    );
  }

  kit.get(listRoute, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    await showList(req, res, blankProgramme());
  });

  kit.post(listRoute, async (req, res) => {
    if (kit.badAddress(req, res, 'localityId')) return;
    const localityId = paramOf(req, 'localityId');
    // The locality's member bodies, the only ones the form may name.
    const data = await manage.read(req, res, WebManageProgrammesDocument, { localityId, first: 1 });
    if (!data) return;
    const read = readProgramme(req.body ?? {}, localityId, data.locality.members.map((m) => m.organisation.id));
    if (!read.input) return showList(req, res, read.values, read.errors);
    const refused = await manage.submit(req, res, WebCreateProgrammeDocument, { input: read.input }, (r) => programmeAddresses(r.createProgramme.id).programme, 'created');
    if (refused) return showList(req, res, read.values, [apiFieldError(refused.error, PROGRAMME_FIELDS, '#name')]);
  });

  async function showProgramme(req: Request, res: Response, errors: FieldError[] = [], data?: WebManageProgrammeQuery): Promise<void> {
    data ??= await manage.read(req, res, WebManageProgrammeDocument, { id: paramOf(req, 'programmeId') });
    if (!data) return;
    const { programme } = data;
    const taking = new Set(programme.participants.map((p) => p.id));
    manage.form(
      res,
      'programmes/programme.njk',
      {
        title: programme.name,
        programme,
        rule: ruleText(programme.agreementRule),
        statuses: statusChoices(programme.status),
        participants: [...programme.participants].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
        addable: programme.locality.members.map((m) => m.organisation).filter((o) => !taking.has(o.id)).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
        address: programmeAddresses(programme.id).programme,
        programmesAddress: localityProgrammesAddress(programme.locality.id),
        sections: programmeSections(programme.id).slice(1),
        canManage: MANAGING_ROLES.includes(data.me.role) && programme.status !== 'CLOSED',
        done: ManagePages.done(req, DONE),
      },
      errors,
    );
  }

  kit.get(programmeRoute, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    await showProgramme(req, res);
  });

  /** A programme form's POST: the page's data, the form read against it, then the mutation. */
  function programmeForm(
    suffix: string,
    handle: (req: Request, res: Response, data: WebManageProgrammeQuery) => Promise<FieldError[] | undefined>,
  ): void {
    kit.post(`${programmeRoute}/${suffix}`, async (req, res) => {
      if (kit.badAddress(req, res, 'programmeId')) return;
      const data = await manage.read(req, res, WebManageProgrammeDocument, { id: paramOf(req, 'programmeId') });
      if (!data) return;
      const errors = await handle(req, res, data);
      if (errors) return showProgramme(req, res, errors, data);
    });
  }

  programmeForm('status', async (req, res, { programme }) => {
    const read = readStatus(req.body ?? {}, statusChoices(programme.status));
    if (!read.input) return read.errors;
    const back = programmeAddresses(programme.id).programme;
    const refused = await manage.submit(req, res, WebUpdateProgrammeDocument, { input: { programmeId: programme.id, status: read.input } }, back, 'status');
    return refused && [apiFieldError(refused.error, {}, '#status')];
  });

  programmeForm('participants/add', async (req, res, { programme }) => {
    const taking = new Set(programme.participants.map((p) => p.id));
    const addable = programme.locality.members.map((m) => m.organisation.id).filter((id) => !taking.has(id));
    const read = readChoice(req.body ?? {}, 'organisationId', addable, 'a member body of the locality not yet taking part');
    if (!read.input) return read.errors;
    const input = { programmeId: programme.id, organisationId: read.input };
    const refused = await manage.submit(req, res, WebAddParticipantDocument, { input }, programmeAddresses(programme.id).programme, 'added');
    return refused && [apiFieldError(refused.error, {}, '#organisationId')];
  });

  programmeForm('participants/remove', async (req, res, { programme }) => {
    const read = readChoice(req.body ?? {}, 'organisationId', programme.participants.map((p) => p.id), 'a body taking part');
    // The remove buttons carry their body's id: a missing one is a stale or forged form.
    if (!read.input) return read.errors.map((e) => ({ ...e, href: '#participants' }));
    const input = { programmeId: programme.id, organisationId: read.input };
    const refused = await manage.submit(req, res, WebRemoveParticipantDocument, { input }, programmeAddresses(programme.id).programme, 'removed');
    return refused && [apiFieldError(refused.error, {}, '#participants')];
  });

  registerLeadershipPages(manage);
  registerRolePages(manage);
}
