import type { Role } from '../graphql/generated';
import { FormReader } from '../manage/form-reader';
import { ROLE_NAMES } from '../session/session.pages';
import { FieldError } from '../health-check/answer-form';

/** The roles in the order the forms offer them, with what each may do (DESIGN.md's roles). */
export const ROLES = [
  { value: 'TENANT_ADMIN', hint: 'Manages users, governance rules and webhooks.' },
  { value: 'COORDINATOR', hint: 'Runs the partnership: localities, bodies, programmes, conflicts, health checks.' },
  { value: 'REVIEWER', hint: 'Reads governance health, flags and records; changes nothing.' },
  { value: 'MEMBER_REPRESENTATIVE', hint: 'Acts for one member body only: its to-do list and forms.' },
] as const satisfies readonly { value: Role; hint: string }[];

/** A role in words with a capital letter: "Partnership coordinator". */
export const roleText = (role: string): string => {
  const name = ROLE_NAMES[role] ?? role;
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** The API's bounds (CreateUserInput). */
export const MAX_DISPLAY_NAME = 200;

export interface UserFormValues {
  displayName: string;
  email: string;
  role: string;
  organisationId: string;
}

export const EMPTY_USER_FORM: UserFormValues = { displayName: '', email: '', role: '', organisationId: '' };

/** What the role part of a form asks: a role, and the body for a member representative. */
function readRole(form: FormReader): { role?: Role; organisationId: string | null } {
  const role = form.choice('role', ROLES, 'a role');
  const organisationId = role === 'MEMBER_REPRESENTATIVE' ? (form.id('organisationId', 'the body they act for') ?? null) : null;
  return { role, organisationId };
}

/** Create a user: name, email, role (and body); the user chooses their password with an emailed link. */
export function readCreateUser(body: Record<string, unknown>): { values: UserFormValues; errors: FieldError[]; input?: { displayName: string; email: string; role: Role; organisationId: string | null; sendSignInLink: true } } {
  const form = new FormReader(body);
  const displayName = form.text('displayName', { what: 'their name', max: MAX_DISPLAY_NAME, example: 'Sam Patel' });
  const email = form.email('email', 'their email address');
  const { role, organisationId } = readRole(form);
  const values = { displayName, email, role: role ?? '', organisationId: organisationId ?? form.raw('organisationId', 36) };
  if (!form.ok || !role) return { values, errors: form.errors };
  return { values, errors: [], input: { displayName, email, role, organisationId, sendSignInLink: true } };
}

/** Change a user's role (and body). */
export function readChangeRole(body: Record<string, unknown>): { values: Pick<UserFormValues, 'role' | 'organisationId'>; errors: FieldError[]; input?: { role: Role; organisationId: string | null } } {
  const form = new FormReader(body);
  const { role, organisationId } = readRole(form);
  const values = { role: role ?? '', organisationId: organisationId ?? form.raw('organisationId', 36) };
  if (!form.ok || !role) return { values, errors: form.errors };
  return { values, errors: [], input: { role, organisationId } };
}

/** The form fields an API refusal of these forms names. */
export const USER_FIELDS: Record<string, string> = {
  email: '#email',
  displayName: '#displayName',
  role: '#role',
  organisationId: '#organisationId',
  userId: '#role',
};
