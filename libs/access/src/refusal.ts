import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ACTION_KEY = 'joinedup:action';

/**
 * The words for what an operation does, for the refusal "Only … can <action>.", where
 * the words read from its name would be wrong ("stepDownLeader"). Most operations need none.
 */
export const Action = (words: string) => SetMetadata(ACTION_KEY, words);

/** Roles as a refusal names them, in the order it lists them. */
const ROLE_PLURALS: Record<Role, string> = {
  [Role.COORDINATOR]: 'coordinators',
  [Role.REVIEWER]: 'reviewers',
  [Role.MEMBER_REPRESENTATIVE]: 'member organisation representatives',
  [Role.TENANT_ADMIN]: 'tenant administrators',
};

const PREPOSITIONS = new Set(['to', 'on', 'for', 'from', 'of', 'in', 'with', 'about']);

/**
 * What an operation does, read from its GraphQL field name: a mutation names a verb and
 * its object ("dismissGovernanceFlag" → "dismiss a governance flag"), a query what it
 * reads ("governanceFlags" → "see governance flags").
 */
export function actionOf(operation: 'query' | 'mutation', fieldName: string): string {
  const words = fieldName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');
  const [verb, ...rest] = operation === 'query' ? ['see', ...words] : words;
  const at = rest.length && PREPOSITIONS.has(rest[0]) ? 1 : 0;
  const object = rest.slice(at);
  if (!object.length) return [verb, ...rest].join(' ');
  // A plural ("flags", not "process") takes no article; "u" reads as "you" ("a user").
  const article = /[^su]s$/.test(object.at(-1)!) ? [] : [/^[aeio]/.test(object[0]) ? 'an' : 'a'];
  return [verb, ...rest.slice(0, at), ...article, ...object].join(' ');
}

/** "A, B and C", as a refusal lists who may. */
export const listedWithAnd = (names: readonly string[]): string =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** "Only coordinators and tenant administrators can dismiss a governance flag." */
export function onlyRolesMay(allowed: readonly Role[], action: string): string {
  const names = (Object.keys(ROLE_PLURALS) as Role[]).filter((role) => allowed.includes(role)).map((role) => ROLE_PLURALS[role]);
  return names.length ? `Only ${listedWithAnd(names)} can ${action}.` : 'You are not allowed to do that.';
}

/** "You act only for Gateshead Council: you can raise a conflict only for Gateshead Council." */
export function actsOnlyFor(organisationName: string, action: string): string {
  return `You act only for ${organisationName}: you can ${action} only for ${organisationName}.`;
}
