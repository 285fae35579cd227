import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_KEY, Principal, ROLES_KEY, RequestWithPrincipal, Role, requestOf } from '@joinedup/access';
import { requestContext } from '@joinedup/context';
import { TenantDb } from '@joinedup/database';
import { forbidden, unauthenticated } from '@joinedup/errors';
import { AccessTokens } from './access-token';

export const ACCESS_TOKENS = Symbol('ACCESS_TOKENS');

interface CallerRow {
  role: Role;
  organisation_id: string | null;
}

/**
 * Global guard: every resolver needs a valid token and one of the roles it names, unless
 * it is marked @Public. A resolver with neither is refused to everyone (fails closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: TenantDb,
    @Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = requestOf(context) as RequestWithPrincipal & { authentication?: Promise<Principal> };
    // The fields of one operation are guarded one by one, often at once: authenticate once.
    request.authentication ??= this.authenticate(request.headers.authorization);
    request.principal = await request.authentication;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(request.principal.role)) throw forbidden();
    return true;
  }

  private async authenticate(header: string | string[] | undefined): Promise<Principal> {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('Sign in first: send an access token as "Authorization: Bearer <token>".');
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw unauthenticated('Your access token is invalid or has expired; sign in again.');

    const store = requestContext.current();
    if (!store) throw new Error('AuthGuard ran outside a request context');
    // The token is only as good as the user and session behind it, checked now (before the
    // operation's transaction opens, so that holds no connection during the check): an
    // unknown tenant, a deactivated user or a signed-out session all read as nothing.
    const [caller] = await this.db.queryWithoutTenant<CallerRow>(
      `select role, organisation_id from authenticated_caller($1, $2, $3)`,
      [claims.tenantId, claims.userId, claims.sessionId],
    );
    if (!caller) throw unauthenticated('Your access token is invalid or has expired; sign in again.');
    store.scope = { tenantId: claims.tenantId, userId: claims.userId, organisationId: caller.organisation_id };
    return { ...claims, role: caller.role, organisationId: caller.organisation_id };
  }
}
