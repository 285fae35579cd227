import { Request, Response } from 'express';
import { SIGN_IN_LINK_DAYS, SIGN_IN_LINKS_PER_HOUR } from '@joinedup/auth';
import {
  Role,
  WebChangeUserRoleDocument,
  WebCreateUserDocument,
  WebDeactivateUserDocument,
  WebSendSignInLinkDocument,
  WebUserDocument,
  WebUserFormDocument,
  WebUserQuery,
  WebUsersDocument,
} from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { apiFieldError, ManagePages } from '../manage/manage-pages';
import { cursorOf, isId, paramOf } from '../web-kit';
import { USERS_PATH } from './admin-paths';
import { formAnswer } from './form-answer';
import { EMPTY_USER_FORM, readChangeRole, readCreateUser, ROLES, roleText, USER_FIELDS, UserFormValues } from './user-form';

/** Users a page (the API allows 100). */
const PAGE_SIZE = 20;
/** Bodies offered for a member representative; more are narrowed by part of their name. */
const BODIES_SHOWN = 100;

/** What each form did, for the banner of the page it returns to. */
const DONE: Record<string, string> = {
  created: `User created. A sign-in link is on its way to them by email: it works once, for ${SIGN_IN_LINK_DAYS} days.`,
  role: 'Role changed',
  deactivated: 'User deactivated: they cannot sign in, and their sessions have ended',
  link: `Sign-in link sent. It works once, for ${SIGN_IN_LINK_DAYS} days, and the links sent before no longer work.`,
};

const STATES = [
  { value: '', text: 'Active and deactivated' },
  { value: 'active', text: 'Active' },
  { value: 'deactivated', text: 'Deactivated' },
];

/** The filter of the list, from the query string (only known values). */
function filterOf(req: Request): { role?: Role; state: string } {
  const role = ROLES.find((r) => r.value === req.query.role)?.value;
  const state = STATES.find((s) => s.value && s.value === req.query.state)?.value ?? '';
  return { role, state };
}

/** `?name=` narrows the bodies offered (the API's nameContains), bounded as its inputs are. */
const bodyNameOf = (req: Request): string | undefined => (typeof req.query.bodyName === 'string' && req.query.bodyName.trim() ? req.query.bodyName.trim().slice(0, 100) : undefined);

/**
 * `/manage/users`: tenant administrators list, create (with an emailed sign-in link),
 * re-role, deactivate (after a confirmation) and resend sign-in links to the tenant's users.
 * Others get the API's refusal ("Only tenant administrators can …") as a page.
 */
export function registerUserPages(manage: ManagePages): void {
  const { kit } = manage;

  kit.get(USERS_PATH, async (req, res) => {
    const filter = filterOf(req);
    const active = filter.state ? filter.state === 'active' : undefined;
    const data = await manage.read(req, res, WebUsersDocument, { first: PAGE_SIZE, after: cursorOf(req), role: filter.role, active });
    if (!data) return;
    const query = new URLSearchParams({ ...(filter.role ? { role: filter.role } : {}), ...(filter.state ? { state: filter.state } : {}) });
    const next = data.users.pageInfo.hasNextPage ? `${USERS_PATH}?${new URLSearchParams({ ...Object.fromEntries(query), after: data.users.pageInfo.endCursor! })}` : undefined;
    kit.render(res, 'admin/users.njk', {
      title: 'Users',
      path: USERS_PATH,
      done: ManagePages.done(req, DONE),
      users: data.users.nodes.map((u) => ({ ...u, roleText: roleText(u.role) })),
      roles: [{ value: '', text: 'Any role', selected: !filter.role }, ...ROLES.map((r) => ({ value: r.value, text: roleText(r.value), selected: r.value === filter.role }))],
      states: STATES.map((s) => ({ ...s, selected: s.value === filter.state })),
      filtered: Boolean(filter.role || filter.state),
      next,
    });
  });

  kit.get(`${USERS_PATH}/new`, (req, res) => showCreate(req, res, EMPTY_USER_FORM, []));

  kit.post(`${USERS_PATH}/new`, async (req, res) => {
    const read = readCreateUser(req.body ?? {});
    if (!read.input) return showCreate(req, res, read.values, read.errors);
    // An email already in use (CONFLICT) is shown beside its field too.
    const answer = await formAnswer(manage, req, res, WebCreateUserDocument, { input: read.input }, (e) => e.extensions.reason === 'EMAIL_TAKEN');
    if (!answer) return;
    if (answer.error) return showCreate(req, res, read.values, [apiFieldError(answer.error, USER_FIELDS, '#email')]);
    res.redirect(303, `${USERS_PATH}/${answer.data.createUser.id}?done=created`);
  });

  async function showCreate(req: Request, res: Response, values: UserFormValues, errors: FieldError[]): Promise<void> {
    const data = await manage.read(req, res, WebUserFormDocument, { first: BODIES_SHOWN, bodyName: bodyNameOf(req) });
    if (!data) return;
    manage.form(res, 'admin/user-new.njk', { title: 'Create a user', path: USERS_PATH, values, ...roleFields(values, data.organisations, bodyNameOf(req)) }, errors);
  }

  kit.get(`${USERS_PATH}/:userId`, async (req, res) => {
    if (kit.badAddress(req, res, 'userId')) return;
    await showUser(req, res, undefined, []);
  });

  kit.post(`${USERS_PATH}/:userId/role`, async (req, res) => {
    if (kit.badAddress(req, res, 'userId')) return;
    const read = readChangeRole(req.body ?? {});
    if (!read.input) return showUser(req, res, read.values, read.errors);
    const userId = paramOf(req, 'userId');
    const refused = await manage.submit(req, res, WebChangeUserRoleDocument, { input: { userId, ...read.input } }, `${USERS_PATH}/${userId}`, 'role');
    if (refused) await showUser(req, res, read.values, [apiFieldError(refused.error, USER_FIELDS, '#role')]);
  });

  kit.post(`${USERS_PATH}/:userId/sign-in-link`, async (req, res) => {
    if (kit.badAddress(req, res, 'userId')) return;
    const userId = paramOf(req, 'userId');
    const refused = await manage.submit(req, res, WebSendSignInLinkDocument, { input: { userId } }, `${USERS_PATH}/${userId}`, 'link');
    if (refused) kit.refused(res, refused.error);
  });

  kit.get(`${USERS_PATH}/:userId/deactivate`, async (req, res) => {
    if (kit.badAddress(req, res, 'userId')) return;
    await showDeactivate(req, res, []);
  });

  kit.post(`${USERS_PATH}/:userId/deactivate`, async (req, res) => {
    if (kit.badAddress(req, res, 'userId')) return;
    const userId = paramOf(req, 'userId');
    const refused = await manage.submit(req, res, WebDeactivateUserDocument, { input: { userId } }, `${USERS_PATH}/${userId}`, 'deactivated');
    // The API's refusal (deactivating oneself) in its words, on the confirmation page.
    if (refused) await showDeactivate(req, res, [{ href: '#deactivate', text: refused.error.message }]);
  });

  async function readUser(req: Request, res: Response): Promise<WebUserQuery | undefined> {
    return manage.read(req, res, WebUserDocument, { id: paramOf(req, 'userId'), first: BODIES_SHOWN, bodyName: bodyNameOf(req) });
  }

  async function showUser(req: Request, res: Response, values: Pick<UserFormValues, 'role' | 'organisationId'> | undefined, errors: FieldError[]): Promise<void> {
    const data = await readUser(req, res);
    if (!data) return;
    const { user } = data;
    const shown = values ?? { role: user.role, organisationId: user.organisation?.id ?? '' };
    // The user's own body is offered even when the list is narrowed or full without it.
    const organisations = user.organisation && !data.organisations.nodes.some((o) => o.id === user.organisation!.id)
      ? { ...data.organisations, nodes: [user.organisation, ...data.organisations.nodes] }
      : data.organisations;
    manage.form(res, 'admin/user.njk', {
      title: user.displayName,
      path: USERS_PATH,
      done: ManagePages.done(req, DONE),
      user: { ...user, roleText: roleText(user.role) },
      values: shown,
      ...roleFields(shown, organisations, bodyNameOf(req)),
    }, errors);
  }

  async function showDeactivate(req: Request, res: Response, errors: FieldError[]): Promise<void> {
    const data = await readUser(req, res);
    if (!data) return;
    if (!data.user.active) return res.redirect(303, `${USERS_PATH}/${data.user.id}`);
    manage.form(res, 'admin/user-deactivate.njk', { title: `Deactivate ${data.user.displayName}`, path: USERS_PATH, user: data.user }, errors);
  }
}

/** The role radios and the body select of a form, with what was chosen. */
function roleFields(values: Pick<UserFormValues, 'role' | 'organisationId'>, organisations: { nodes: { id: string; name: string }[]; pageInfo: { hasNextPage: boolean } }, bodyName: string | undefined) {
  return {
    roleItems: ROLES.map((r) => ({ value: r.value, text: roleText(r.value), hint: { text: r.hint }, checked: r.value === values.role })),
    bodies: [
      { value: '', text: 'Choose a body', selected: !isId(values.organisationId) },
      ...organisations.nodes.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organisationId })),
    ],
    moreBodies: organisations.pageInfo.hasNextPage,
    bodiesShown: BODIES_SHOWN,
    bodyName: bodyName ?? '',
    linkDays: SIGN_IN_LINK_DAYS,
    linksPerHour: SIGN_IN_LINKS_PER_HOUR,
  };
}
