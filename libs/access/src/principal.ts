import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Role } from './role';

/** The verified caller of a request. */
export interface Principal {
  tenantId: string;
  userId: string;
  sessionId: string;
  role: Role;
  /** The member organisation a MEMBER_REPRESENTATIVE acts for. */
  organisationId: string | null;
}

/** Whether a role acts for one member body (a member representative) rather than for the whole partnership. */
export const actsForOneBody = (role: string): boolean => role === Role.MEMBER_REPRESENTATIVE;

/**
 * The member body a caller acts for, to which what it may see and do is narrowed; null for
 * the roles that act for the whole partnership. `noneFor` says which roles those are, so
 * that a read compiled for one role writes SQL null in its place instead of binding it
 * (graphql-kit's CallerValue), and PostgreSQL drops the conditions on it when planning.
 */
export const actingBody = Object.assign(
  (principal: Pick<Principal, 'role' | 'organisationId'>): string | null => (actsForOneBody(principal.role) ? principal.organisationId : null),
  { noneFor: (role: string): boolean => !actsForOneBody(role) },
);

export interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

export function requestOf(context: ExecutionContext): RequestWithPrincipal {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: RequestWithPrincipal }>().req;
  }
  return context.switchToHttp().getRequest<RequestWithPrincipal>();
}

/** The signed-in caller; only on guarded resolvers, where the guard has set it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = requestOf(context).principal;
  if (!principal) throw new Error('CurrentPrincipal used on a resolver without a signed-in caller');
  return principal;
});
