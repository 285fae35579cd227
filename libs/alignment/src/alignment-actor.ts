import { Principal, Role, actingBody } from '@joinedup/access';
import { REGISTRY_MANAGERS } from '@joinedup/registry';
import { AlignmentAction, AlignmentActor, AlignmentStatus, allowedActions, mayTake } from './alignment-lifecycle';

/** Who the caller is to the request; a representative only for their own organisation. */
export function actorOf(principal: Pick<Principal, 'role' | 'organisationId'>, request: { requestingOrganisationId: string; targetOrganisationId: string }): AlignmentActor {
  const body = actingBody(principal);
  return {
    manager: REGISTRY_MANAGERS.includes(principal.role),
    requester: !!body && body === request.requestingOrganisationId,
    target: !!body && body === request.targetOrganisationId,
  };
}

/**
 * SQL of a request `alias`: the actions a caller of `role` acting for `body` (a placeholder
 * holding actingBody) may take on it now, as text[] in lifecycle order. Written out from the
 * lifecycle itself (allowedActions and mayTake for every status and every side the caller
 * may be on), so the statement and the resolver answer by the same rule.
 */
export function allowedActionsSql(alias: string, role: Role, body: string): string {
  const requester = `(${body}::uuid is not null and ${body}::uuid = ${alias}.requesting_organisation_id)`;
  const target = `(${body}::uuid is not null and ${body}::uuid = ${alias}.target_organisation_id)`;
  const sides = [false, true].flatMap((isRequester) => [false, true].map((isTarget) => ({ isRequester, isTarget })));
  const manager = actorOf({ role, organisationId: null }, { requestingOrganisationId: '', targetOrganisationId: '' }).manager;
  const mayTakeSql = (action: AlignmentAction): string => {
    const when = sides.filter(({ isRequester, isTarget }) => mayTake({ manager, requester: isRequester, target: isTarget }, action));
    if (when.length === sides.length) return 'true';
    if (!when.length) return 'false';
    return when.map(({ isRequester, isTarget }) => `(${isRequester ? '' : 'not '}${requester} and ${isTarget ? '' : 'not '}${target})`).join(' or ');
  };
  const byStatus = Object.values(AlignmentStatus).map((status) => {
    const actions = allowedActions(status).map((action) => `case when ${mayTakeSql(action)} then '${action}' end`);
    return `when '${status}' then array_remove(array[${actions.join(', ')}]::text[], null)`;
  });
  return `(case ${alias}.status ${byStatus.join(' ')} end)`;
}
