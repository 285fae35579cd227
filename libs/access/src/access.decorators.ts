import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ROLES_KEY = 'joinedup:roles';
export const PUBLIC_KEY = 'joinedup:public';

/** Who may call this resolver; a resolver without it (or @Public) is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The roles a resolver method admits (none without @Roles), for code that answers in its place. */
export const rolesOf = (handler: object): readonly Role[] => (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? [];

/** Reachable without a token (sign-in, health checks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const CHECK_SESSION_APART_KEY = 'joinedup:check-session-apart';

/**
 * For a resolver that does slow work before its first statement (hashing a password):
 * the guard checks the caller's session with a statement of its own, outside any
 * transaction, instead of in the statement that opens the operation's transaction, so
 * the transaction opens at that first statement and no connection waits on the work.
 * Costs one more round trip; the first guarded field of an operation decides for all.
 */
export const CheckSessionApart = () => SetMetadata(CHECK_SESSION_APART_KEY, true);
