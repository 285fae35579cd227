import { Request, Response } from 'express';
import { FieldError } from '../health-check/answer-form';
import {
  WebAssignRoleDocument,
  WebDefineRoleDocument,
  WebManageRoleDocument,
  WebManageRoleQuery,
  WebManageRolesDocument,
  WebRetireRoleDocument,
  WebUpdateRoleDocument,
  WebVacateRoleDocument,
} from '../graphql/generated';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { MANAGING_ROLES } from '../manage/manage.pages';
import { paramOf } from '../web-kit';
import { programmeAddresses } from './programme-addresses';
import { AssignValues, COMPETENCY_ROWS, LEVELS, readAssignment, readReason, readRole, RoleValues, roleValues, SELECTION_METHODS } from './programme-forms';
import { CANDIDATES_SHOWN } from './programme.documents';
import { candidateText, distinctNames, fitText } from './programme-view';

const DONE = {
  defined: 'Role defined',
  updated: 'Role updated',
  retired: 'Role retired',
  assigned: 'Role assigned',
  vacated: 'Role vacated',
};

/** The API's field names in a role's refusals, as the form's fields. */
const ROLE_FIELDS: Record<string, string> = { title: '#title', responsibilities: '#responsibilities', requiredCompetencies: '#competency-1' };
const ASSIGN_FIELDS: Record<string, string> = { personId: '#personId', selectionMethod: '#selectionMethod', rationale: '#rationale' };

type Role = NonNullable<WebManageRoleQuery['programmeRole']>;

/** A role as the pages show it: its holder's fit as the API gives it, as a share with what is missing. */
function shownRole(role: Omit<Role, 'retiredAt' | 'programme' | 'candidates'>) {
  const holder = role.holder && { ...role.holder, fit: fitText(role.holder.fit), method: SELECTION_METHODS.find((m) => m.value === role.holder!.selectionMethod)?.text };
  return { ...role, holder };
}

/** Competency names people of the participating bodies hold: what a requirement is chosen from, so fit can match it. */
function knownCompetencies(participants: readonly { people: readonly { competencies: readonly { name: string }[] }[] }[], also: readonly { name: string }[] = []): string[] {
  return distinctNames([...participants.flatMap((b) => b.people.flatMap((p) => p.competencies.map((c) => c.name))), ...also.map((c) => c.name)]);
}

/**
 * A programme's roles with their required competencies, holders and fit; defining a role;
 * a role's own page to change, retire, assign (a person of a participating body, with how
 * they were chosen and why) and vacate it.
 */
export function registerRolePages(manage: ManagePages): void {
  const { kit } = manage;
  const route = programmeAddresses(':programmeId').roles;
  const roleRoute = programmeAddresses(':programmeId').role(':roleId');
  const formOptions = { levels: LEVELS, rows: COMPETENCY_ROWS, methods: SELECTION_METHODS };

  async function showRoles(req: Request, res: Response, values: RoleValues, errors: FieldError[] = []): Promise<void> {
    const data = await manage.read(req, res, WebManageRolesDocument, { id: paramOf(req, 'programmeId') });
    if (!data) return;
    const { programme } = data;
    manage.form(
      res,
      'programmes/roles.njk',
      {
        title: `Roles of ${programme.name}`,
        programme,
        roles: programme.roles.map((r) => ({ ...shownRole(r), address: programmeAddresses(programme.id).role(r.id) })),
        known: knownCompetencies(programme.participants),
        address: programmeAddresses(programme.id),
        canManage: MANAGING_ROLES.includes(data.me.role) && programme.status !== 'CLOSED',
        values,
        ...formOptions,
        done: ManagePages.done(req, DONE),
      },
      errors,
    );
  }

  kit.get(route, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    await showRoles(req, res, roleValues());
  });

  kit.post(route, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId')) return;
    const programmeId = paramOf(req, 'programmeId');
    const data = await manage.read(req, res, WebManageRolesDocument, { id: programmeId });
    if (!data) return;
    const read = readRole(req.body ?? {}, knownCompetencies(data.programme.participants));
    if (!read.input) return showRoles(req, res, read.values, read.errors);
    const refused = await manage.submit(req, res, WebDefineRoleDocument, { input: { programmeId, ...read.input } }, programmeAddresses(programmeId).roles, 'defined');
    if (refused) return showRoles(req, res, read.values, [apiFieldError(refused.error, ROLE_FIELDS, '#title')]);
  });

  interface RoleForms {
    role?: RoleValues;
    assign?: AssignValues;
    reasons?: Record<string, string>;
  }

  /** The role's page data, or undefined once a refusal was shown; a role of another programme is not found. */
  async function readRolePage(req: Request, res: Response): Promise<WebManageRoleQuery | undefined> {
    const data = await manage.read(req, res, WebManageRoleDocument, { id: paramOf(req, 'programmeId'), roleId: paramOf(req, 'roleId'), candidates: CANDIDATES_SHOWN });
    if (data && data.programmeRole.programme.id !== data.programme.id) {
      kit.message(res, 404, 'Page not found', `${data.programme.name} has no such role.`);
      return undefined;
    }
    return data;
  }

  async function showRole(req: Request, res: Response, forms: RoleForms = {}, errors: FieldError[] = [], data?: WebManageRoleQuery): Promise<void> {
    data ??= await readRolePage(req, res);
    if (!data) return;
    const { programme, programmeRole: role } = data;
    manage.form(
      res,
      'programmes/role.njk',
      {
        title: `${role.title}: ${programme.name}`,
        programme,
        role: shownRole(role),
        retired: !!role.retiredAt,
        known: knownCompetencies(programme.participants, role.requiredCompetencies),
        candidates: role.candidates.map((c) => ({ id: c.person.id, text: candidateText(c.person, c.fit) })),
        address: { ...programmeAddresses(programme.id), role: programmeAddresses(programme.id).role(role.id) },
        canManage: MANAGING_ROLES.includes(data.me.role) && programme.status !== 'CLOSED' && !role.retiredAt,
        values: forms.role ?? roleValues(role),
        assign: forms.assign ?? { personId: '', selectionMethod: '', rationale: '' },
        reasons: forms.reasons ?? {},
        ...formOptions,
        done: ManagePages.done(req, DONE),
      },
      errors,
    );
  }

  kit.get(roleRoute, async (req, res) => {
    if (kit.badAddress(req, res, 'programmeId', 'roleId')) return;
    await showRole(req, res);
  });

  /** A role form's POST: the page's data, the form read against it, then the mutation (the API decides who may). */
  function roleForm(suffix: string, handle: (req: Request, res: Response, data: WebManageRoleQuery) => Promise<{ forms: RoleForms; errors: FieldError[] } | undefined>): void {
    kit.post(`${roleRoute}${suffix}`, async (req, res) => {
      if (kit.badAddress(req, res, 'programmeId', 'roleId')) return;
      const data = await readRolePage(req, res);
      if (!data) return;
      const shown = await handle(req, res, data);
      if (shown) return showRole(req, res, shown.forms, shown.errors, data);
    });
  }
  const back = (data: WebManageRoleQuery) => programmeAddresses(data.programme.id).role(data.programmeRole.id);

  roleForm('', async (req, res, data) => {
    const read = readRole(req.body ?? {}, knownCompetencies(data.programme.participants, data.programmeRole.requiredCompetencies));
    if (!read.input) return { forms: { role: read.values }, errors: read.errors };
    const refused = await manage.submit(req, res, WebUpdateRoleDocument, { input: { roleId: data.programmeRole.id, ...read.input } }, back(data), 'updated');
    return refused && { forms: { role: read.values }, errors: [apiFieldError(refused.error, ROLE_FIELDS, '#title')] };
  });

  roleForm('/retire', async (req, res, data) => {
    const read = readReason(req.body ?? {}, 'retireReason', 'why the role is retired', false);
    if (read.errors.length) return { forms: { reasons: read.values }, errors: read.errors };
    const refused = await manage.submit(req, res, WebRetireRoleDocument, { input: { roleId: data.programmeRole.id, reason: read.input } }, back(data), 'retired');
    return refused && { forms: { reasons: read.values }, errors: [apiFieldError(refused.error, {}, '#retireReason')] };
  });

  roleForm('/assign', async (req, res, data) => {
    const read = readAssignment(req.body ?? {}, data.programmeRole.candidates.map((c) => c.person.id));
    if (!read.input) return { forms: { assign: read.values }, errors: read.errors };
    const refused = await manage.submit(req, res, WebAssignRoleDocument, { input: { roleId: data.programmeRole.id, ...read.input } }, back(data), 'assigned');
    return refused && { forms: { assign: read.values }, errors: [apiFieldError(refused.error, ASSIGN_FIELDS, '#personId')] };
  });

  roleForm('/vacate', async (req, res, data) => {
    const read = readReason(req.body ?? {}, 'vacateReason', 'why the holder no longer holds the role', true);
    if (read.errors.length) return { forms: { reasons: read.values }, errors: read.errors };
    const refused = await manage.submit(req, res, WebVacateRoleDocument, { input: { roleId: data.programmeRole.id, reason: read.input! } }, back(data), 'vacated');
    return refused && { forms: { reasons: read.values }, errors: [apiFieldError(refused.error, {}, '#vacateReason')] };
  });
}
