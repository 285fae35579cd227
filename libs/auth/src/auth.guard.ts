import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import {
  ACTION_KEY,
  AccessReason,
  CHECK_SESSION_APART_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  Role,
  actionOf,
  onlyRolesMay,
  requestOf,
} from '@joinedup/access';
import { forbidden } from '@joinedup/errors';
import { AuthenticatedRequest, Authenticator } from './authenticator';

/**
 * Global guard: every resolver needs a valid token and one of the roles it names, unless
 * it is marked @Public. A resolver with neither is refused to everyone (fails closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = requestOf(context) as AuthenticatedRequest;
    const apart = this.reflector.getAllAndOverride<boolean>(CHECK_SESSION_APART_KEY, targets) ?? false;
    request.principal = await this.authenticator.principalOf(request, apart);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(request.principal.role)) {
      throw forbidden(onlyRolesMay(allowed, this.action(context)), AccessReason.ROLE_NOT_ALLOWED);
    }
    return true;
  }

  /** What the refused operation does, in words: its @Action, or read from its field name. */
  private action(context: ExecutionContext): string {
    const declared = this.reflector.get<string | undefined>(ACTION_KEY, context.getHandler());
    if (declared) return declared;
    if (context.getType<string>() !== 'graphql') return 'do that';
    const info = GqlExecutionContext.create(context).getInfo();
    return actionOf(info.operation.operation === 'mutation' ? 'mutation' : 'query', info.fieldName);
  }
}
