import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CHECK_SESSION_APART_KEY, PUBLIC_KEY, Principal, ROLES_KEY, RequestWithPrincipal, Role, requestOf } from '@joinedup/access';
import { requestContext } from '@joinedup/context';
import { SessionCaller, TenantDb } from '@joinedup/database';
import { forbidden, unauthenticated } from '@joinedup/errors';
import { AccessTokens } from './access-token';

export const ACCESS_TOKENS = Symbol('ACCESS_TOKENS');

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
    const apart = this.reflector.getAllAndOverride<boolean>(CHECK_SESSION_APART_KEY, targets) ?? false;
    request.authentication ??= this.authenticate(request.headers.authorization, apart);
    request.principal = await request.authentication;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(request.principal.role)) throw forbidden();
    return true;
  }

  private async authenticate(header: string | string[] | undefined, apart: boolean): Promise<Principal> {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('Sign in first: send an access token as "Authorization: Bearer <token>".');
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw unauthenticated('Your access token is invalid or has expired; sign in again.');

    const store = requestContext.current();
    if (!store) throw new Error('AuthGuard ran outside a request context');
    // The token is only as good as the user and session behind it, checked on every
    // request: an unknown tenant, a deactivated user or a signed-out session all read as
    // no caller. The check is the statement that opens the operation's transaction and
    // sets its tenant (one round trip for both; refused, the transaction has no tenant and
    // is rolled back when the operation ends), or, for @CheckSessionApart resolvers, a
    // statement of its own outside any transaction.
    const session = { tenantId: claims.tenantId, userId: claims.userId, sessionId: claims.sessionId };
    const caller = apart
      ? (
          await this.db.queryWithoutTenant<SessionCaller>(`select role, organisation_id from authenticated_caller($1, $2, $3)`, [
            session.tenantId,
            session.userId,
            session.sessionId,
          ])
        )[0]
      : await this.db.openForSession(session);
    if (!caller) throw unauthenticated('Your access token is invalid or has expired; sign in again.');
    store.scope = { tenantId: claims.tenantId, userId: claims.userId, organisationId: caller.organisation_id };
    return { ...claims, role: caller.role as Role, organisationId: caller.organisation_id };
  }
}
