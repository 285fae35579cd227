import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const ROLES_KEY = 'joinedup:roles';
export const PUBLIC_KEY = 'joinedup:public';

/** Who may call this resolver; a resolver without it (or @Public) is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Reachable without a token (sign-in, health checks). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
