import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import {
  WebManageLeadershipDocument,
  WebManageLeadershipQuery,
  WebNominateLeaderDocument,
  WebOpenReconfirmationDocument,
  WebStepDownLeaderDocument,
  WebWithdrawNominationDocument,
} from '../graphql/generated';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { paramOf } from '../web-kit';
import { programmeAddresses } from './programme-addresses';
import { readChoice, readReason } from './programme-forms';
import { positionsOf, ruleText, tallyText } from './programme-view';

const DONE = {
  nominated: 'Leader nominated: the bodies taking part can now endorse the nomination',
  withdrawn: 'Nomination withdrawn',
  reconfirmation: 'Re-confirmation opened: the bodies taking part can now endorse the leader',
  steppedDown: 'The leader’s stepping down is recorded',
};

type Programme = WebManageLeadershipQuery['programme'];

/** The people of the participating bodies, by body then name: who may be nominated. */
function nominees(programme: Pick<Programme, 'participants'>): { id: string; text: string }[] {
  return [...programme.participants]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .flatMap((body) =>
      [...body.people]
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'en-GB'))
        .map((p) => ({ id: p.id, text: `${p.fullName}${p.jobTitle ? `, ${p.jobTitle}` : ''} (${body.name})` })),
    );
}

/**
 * A programme's leadership: the agreed leader and term; the open nomination with each
 * body's position and the API's tally against the agreement rule; nominating, withdrawing,
 * opening a re-confirmation and recording a step-down. Endorsing is the member
 * representatives' form on their own pages.
 */
export function registerLeadershipPages(manage: ManagePages): void {
  const { kit } = manage;
  const route = programmeAddresses(':programmeId').leadership;

  async function show(req: Request, res: Response, errors: FieldError[] = [], values: Record<string, string> = {}, data?: WebManageLeadershipQuery): Promise<void> {
    data ??= await manage.read(req, res, WebManageLeadershipDocument, { id: paramOf(req, 'programmeId') });
    if (!data) return;
    const { programme } = data;
    const nomination = programme.openNomination;
    manage.form(
      res,
      'programmes/leadership.njk',
      {
        title: `Leadership of ${programme.name}`,
        programme,
        nomination,
        rule: ruleText(programme.agreementRule),
        tally: nomination && tallyText(nomination.tally, programme.agreementRule),
        positions: nomination ? positionsOf(programme.participants, nomination.endorsements) : [],
        nominees: nominees(programme),
        address: programmeAddresses(programme.id),
        canManage: MANAGING_ROLES.includes(data.me.role) && programme.status !== 'CLOSED',
        values,
        done: ManagePages.done(req, DONE),
      },
      errors,
    );
  }

  kit.get(route, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    await show(req, res);
  });

  /** A leadership form's POST: the page's data, the form read against it, then the mutation (the API decides who may). */
  function leadershipForm(suffix: string, handle: (req: Request, res: Response, programme: Programme) => Promise<{ errors: FieldError[]; values?: Record<string, string> } | undefined>): void {
    kit.post(`${route}/${suffix}`, async (req, res) => {
      if (kit.badAddress(req, res, 'programmeId')) return;
      const data = await manage.read(req, res, WebManageLeadershipDocument, { id: paramOf(req, 'programmeId') });
      if (!data) return;
      const shown = await handle(req, res, data.programme);
      if (shown) return show(req, res, shown.errors, shown.values, data);
    });
  }
  const back = (programme: Programme) => programmeAddresses(programme.id).leadership;

  leadershipForm('nominate', async (req, res, programme) => {
    const read = readChoice(req.body ?? {}, 'personId', nominees(programme).map((p) => p.id), 'a person of a body taking part');
    if (!read.input) return read;
    const refused = await manage.submit(req, res, WebNominateLeaderDocument, { input: { programmeId: programme.id, personId: read.input } }, back(programme), 'nominated');
    return refused && { errors: [apiFieldError(refused.error, {}, '#personId')], values: read.values };
  });

  leadershipForm('withdraw', async (req, res, programme) => {
    // The nomination shown on the page; one decided or withdrawn meanwhile is refused by the API (409).
    const nominationId = programme.openNomination?.id;
    if (!nominationId) {
      kit.message(res, 409, 'This cannot be done now', `${programme.name} has no open nomination to withdraw.`);
      return undefined;
    }
    await manage.submit(req, res, WebWithdrawNominationDocument, { nominationId }, back(programme), 'withdrawn');
    return undefined;
  });

  leadershipForm('reconfirm', async (req, res, programme) => {
    await manage.submit(req, res, WebOpenReconfirmationDocument, { input: { programmeId: programme.id } }, back(programme), 'reconfirmation');
    return undefined;
  });

  leadershipForm('step-down', async (req, res, programme) => {
    const read = readReason(req.body ?? {}, 'reason', 'why the leader stepped down', false);
    if (read.errors.length) return read;
    const refused = await manage.submit(req, res, WebStepDownLeaderDocument, { input: { programmeId: programme.id, reason: read.input } }, back(programme), 'steppedDown');
    return refused && { errors: [apiFieldError(refused.error, {}, '#reason')], values: read.values };
  });
}
