import { Request, Response } from 'express';
import { dayOf, instantOf } from '../dates';
import {
  WebAgreeConflictProcessDocument,
  WebLocalityConflictProcessQuery,
  WebLocalityConflictProcessDocument,
  WebProgrammeConflictProcessDocument,
  WebSetConflictProcessDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { localitySections, programmeSections } from '../manage/sections';
import { paramOf } from '../web-kit';
import { FormReader } from '../manage/form-reader';
import { recordedBy } from './conflict-view';
import { readStages, StageRow, stageRows } from './process-form';

type Process = WebLocalityConflictProcessQuery['locality']['conflictProcess'];

/** A process page's subject: a locality's own process, or a programme's. */
interface ProcessOwner {
  viewerId: string;
  mayManage: boolean;
  /** The locality, or the programme with its locality. */
  caption: string;
  heading: string;
  process: Process;
  /** Which agreed process its conflicts follow now, in words. */
  applies: string;
  back: { href: string; text: string };
}

const DONE: Record<string, string> = {
  set: 'Stages saved as a draft: conflicts follow it only once the partnership has agreed it.',
  agreed: 'Version agreed: conflicts entering resolution from now on follow it.',
};

/** Where a process's page lives, and how its owner is read (one document each). */
const OWNERS = {
  locality: {
    path: '/manage/localities/:localityId/conflict-process',
    param: 'localityId',
    /** setConflictProcess's owner, from the address. */
    input: (id: string) => ({ localityId: id }),
    async read(manage: ManagePages, req: Request, res: Response): Promise<ProcessOwner | undefined> {
      const data = await manage.read(req, res, WebLocalityConflictProcessDocument, { localityId: paramOf(req, 'localityId') });
      if (!data) return undefined;
      const { locality } = data;
      const agreed = locality.conflictProcess?.agreedVersion;
      return {
        viewerId: data.me.id,
        mayManage: MANAGING_ROLES.includes(data.me.role),
        caption: locality.name,
        heading: 'Conflict process',
        process: locality.conflictProcess,
        applies: agreed
          ? `Conflicts in ${locality.name} follow version ${agreed.version}, unless their programme has agreed a process of its own.`
          : `${locality.name} has no agreed process yet: its conflicts cannot enter resolution unless their programme has one.`,
        back: { href: localitySections(locality.id)[0].path, text: `Back to ${locality.name}` },
      };
    },
  },
  programme: {
    path: '/manage/programmes/:programmeId/conflict-process',
    param: 'programmeId',
    input: (id: string) => ({ programmeId: id }),
    async read(manage: ManagePages, req: Request, res: Response): Promise<ProcessOwner | undefined> {
      const data = await manage.read(req, res, WebProgrammeConflictProcessDocument, { programmeId: paramOf(req, 'programmeId') });
      if (!data) return undefined;
      const { programme } = data;
      const applicable = programme.applicableConflictProcess;
      return {
        viewerId: data.me.id,
        mayManage: MANAGING_ROLES.includes(data.me.role),
        caption: `${programme.name}, ${programme.locality.name}`,
        heading: 'Conflict process of the programme',
        process: programme.conflictProcess,
        applies: !applicable
          ? `Neither ${programme.name} nor ${programme.locality.name} has an agreed process: its conflicts cannot enter resolution yet.`
          : applicable.process.programme?.id === programme.id
            ? `Its conflicts follow version ${applicable.version} of its own process.`
            : `Until it agrees a process of its own, its conflicts follow version ${applicable.version} of ${programme.locality.name}’s process.`,
        back: { href: programmeSections(programme.id)[0].path, text: `Back to ${programme.name}` },
      };
    },
  },
} as const;

/**
 * The conflict process pages of a locality and of a programme: the agreed version and the
 * draft with their stages, **Set the process** (every stage row the API allows, empty rows
 * left out) and **Agree this version** with the day the partnership agreed it. The forms
 * are shown to coordinators and tenant administrators; anyone else's POST is refused by the API.
 */
export function registerConflictProcessPages(manage: ManagePages): void {
  for (const { path, param, input, read } of Object.values(OWNERS)) {
    const show = (req: Request, res: Response, owner: ProcessOwner, rows: StageRow[] | undefined, agreedOn: FormReader | undefined, errors: FieldError[]) => {
      const { process } = owner;
      const agreed = process?.agreedVersion;
      const draft = process?.draftVersion;
      manage.form(
        res,
        'conflicts/process.njk',
        {
          title: `${owner.heading}: ${owner.caption}`,
          ...owner,
          path: req.path.replace(/\/agree$/, ''),
          agreed: agreed && {
            version: agreed.version,
            stages: agreed.stages,
            agreedOn: agreed.agreedOn && dayOf(agreed.agreedOn),
            recorded: agreed.agreementRecordedAt && instantOf(agreed.agreementRecordedAt),
            by: recordedBy(agreed.agreementRecordedByUserId, owner.viewerId),
          },
          draft: draft && { version: draft.version, stages: draft.stages, changed: instantOf(draft.updatedAt) },
          rows: rows ?? stageRows(draft?.stages ?? agreed?.stages),
          agreedOn: agreedOn?.dateParts('agreedOn') ?? { day: '', month: '', year: '' },
          done: ManagePages.done(req, DONE),
        },
        errors,
      );
    };

    manage.kit.get(path, async (req, res) => {
      if (manage.kit.badAddress(req, res, param)) return;
      const owner = await read(manage, req, res);
      if (owner) show(req, res, owner, undefined, undefined, []);
    });

    manage.kit.post(path, async (req, res) => {
      if (manage.kit.badAddress(req, res, param)) return;
      const { rows, stages, form } = readStages(req.body);
      if (form.ok) {
        const sent = await manage.submit(req, res, WebSetConflictProcessDocument, { input: { ...input(paramOf(req, param)), stages } }, req.path, 'set');
        if (!sent) return;
        form.errors.push(apiFieldError(sent.error, {}, '#stage-1-name'));
      }
      const owner = await read(manage, req, res);
      if (owner) show(req, res, owner, rows, undefined, form.errors);
    });

    manage.kit.post(`${path}/agree`, async (req, res) => {
      if (manage.kit.badAddress(req, res, param)) return;
      const form = new FormReader(req.body);
      const agreedOn = form.day('agreedOn', 'the day the partnership agreed it', false);
      // The process is the one of the address, read as the caller may see it.
      const owner = await read(manage, req, res);
      if (!owner) return;
      if (!owner.process) return manage.kit.message(res, 409, 'This cannot be done now', 'This process has no stages to agree yet; set its stages first.');
      if (form.ok) {
        const back = req.path.replace(/\/agree$/, '');
        const sent = await manage.submit(req, res, WebAgreeConflictProcessDocument, { input: { processId: owner.process.id, agreedOn: agreedOn ?? null } }, back, 'agreed');
        if (!sent) return;
        form.errors.push(apiFieldError(sent.error, { agreedOn: '#agreedOn-day' }, '#agreedOn-day'));
      }
      show(req, res, owner, undefined, form, form.errors);
    });
  }
}

