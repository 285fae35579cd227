import { Inject, Injectable } from '@nestjs/common';
import { Principal, RequestWithPrincipal, Role } from '@joinedup/access';
import { requestContext } from '@joinedup/context';
import { SessionCaller, TenantDb } from '@joinedup/database';
import { unauthenticated } from '@joinedup/errors';
import { AccessTokens } from './access-token';
import { AuthReason } from './auth.errors';

export const ACCESS_TOKENS = Symbol('ACCESS_TOKENS');

/** A request that remembers its authentication: the fields of one operation ask at once. */
export type AuthenticatedRequest = RequestWithPrincipal & { authentication?: Promise<Principal> };

/** Who is calling: the access token, checked against the live session and user behind it. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly db: TenantDb,
    @Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens,
  ) {}

  /**
   * The caller of `request`, authenticated once per request (whoever asks first decides
   * whether the session is checked apart); rejected with UNAUTHENTICATED for no caller.
   */
  principalOf(request: AuthenticatedRequest, apart = false): Promise<Principal> {
    request.authentication ??= this.authenticate(request.headers.authorization, apart);
    return request.authentication;
  }

  private async authenticate(header: string | string[] | undefined, apart: boolean): Promise<Principal> {
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('Sign in first: send an access token as "Authorization: Bearer <token>".', AuthReason.SIGN_IN_REQUIRED);
    const claims = await this.tokens.verify(match[1]);
    if (!claims) throw unauthenticated('Your access token is invalid or has expired; sign in again.', AuthReason.TOKEN_INVALID);

    const store = requestContext.current();
    if (!store) throw new Error('A request was authenticated outside its request context');
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
    if (!caller) throw unauthenticated('Your access token is invalid or has expired; sign in again.', AuthReason.TOKEN_INVALID);
    store.scope = { tenantId: claims.tenantId, userId: claims.userId, organisationId: caller.organisation_id };
    return { ...claims, role: caller.role as Role, organisationId: caller.organisation_id };
  }
}
