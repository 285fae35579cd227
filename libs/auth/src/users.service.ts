import { Principal, Role } from '@joinedup/access';
import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, isUniqueViolation, violatedConstraint } from '@joinedup/database';
import { badInput, conflict, notFound } from '@joinedup/errors';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { Connection, PageArgs, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { PasswordHasher } from './password-hasher';
import { assertPasswordPolicy } from './password-policy';
import { UserType } from './user.type';
import { ChangeUserRoleInput, CreateUserInput } from './auth.inputs';
import { AuthReason } from './auth.errors';
import { SignInLinksService } from './sign-in-links.service';

/** Which users a page of the list shows: any role and state when not given. */
export interface UserFilter {
  role?: Role | null;
  active?: boolean | null;
}

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  active: boolean;
  created_at: Date;
}

const USER_COLUMNS = 'id, email, display_name, role, organisation_id, active, created_at';

export const toUser = (row: UserRow): UserType => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  organisationId: row.organisation_id,
  active: row.active,
  createdAt: row.created_at,
});

/** Users of the caller's tenant, managed by its tenant administrators. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditWriter,
    private readonly hasher: PasswordHasher,
    private readonly signInLinks: SignInLinksService,
  ) {}

  async get(id: string): Promise<UserType> {
    return toUser(await this.find(id));
  }

  async list(page: PageArgs, filter: UserFilter = {}): Promise<Connection<UserType>> {
    const after = decodeCursor(page.after, ['text', 'uuid']);
    const rows = await this.db.query<UserRow>(
      `select ${USER_COLUMNS} from app_user
        where ($1::text is null or (lower(email), id::text) > ($1, $2))
          and ($4::text is null or role = $4) and ($5::boolean is null or active = $5)
        order by lower(email), id::text limit $3`,
      [after?.[0] ?? null, after?.[1] ?? null, page.first + 1, filter.role ?? null, filter.active ?? null],
    );
    return toConnection(rows, page.first, (r) => [r.email.toLowerCase(), r.id], toUser);
  }

  /** A user with the password given, or with none and a sign-in link emailed to choose one (exactly one of the two). */
  async create(principal: Principal, input: CreateUserInput): Promise<UserType> {
    const password = input.password ?? null;
    if (password !== null && input.sendSignInLink) throw badInput('Give a password or send a sign-in link, not both.', 'password');
    if (password === null && !input.sendSignInLink) {
      throw badInput('Give a password, or set sendSignInLink to email the user a link to choose one.', 'password');
    }
    // Hashed before the first statement of a createUser operation (whose session is checked
    // apart, @CheckSessionApart), so no connection waits on it.
    let passwordHash: string | null = null;
    if (password !== null) {
      await assertPasswordPolicy(password, [input.email, input.displayName]);
      passwordHash = await this.hasher.hash(password);
    }
    const organisationId = input.role === Role.MEMBER_REPRESENTATIVE ? input.organisationId : null;
    try {
      const [row] = await this.db.query<UserRow>(
        `insert into app_user (tenant_id, email, display_name, password_hash, role, organisation_id)
         values ($1, $2, $3, $4, $5, $6) returning ${USER_COLUMNS}`,
        [principal.tenantId, input.email.trim(), input.displayName.trim(), passwordHash, input.role, organisationId],
      );
      await recordEvent(this.outbox, DOMAIN_EVENT.userCreated, { userId: row.id, role: row.role });
      const user = toUser(row);
      await this.audit.record({ action: 'user.created', entityType: 'USER', entityId: row.id, after: user });
      if (passwordHash === null) await this.signInLinks.request(principal, row.id);
      return user;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A user with this email already exists in your tenant.', AuthReason.EMAIL_TAKEN);
      throw unknownOrganisation(error);
    }
  }

  async changeRole(principal: Principal, input: ChangeUserRoleInput): Promise<UserType> {
    if (input.userId === principal.userId) {
      throw badInput('You cannot change your own role; ask another tenant administrator.', 'userId');
    }
    const before = await this.find(input.userId, true);
    const organisationId = input.role === Role.MEMBER_REPRESENTATIVE ? input.organisationId : null;
    const [after] = await this.db
      .query<UserRow>(
        `update app_user set role = $2, organisation_id = $3, updated_at = now() where id = $1 returning ${USER_COLUMNS}`,
        [input.userId, input.role, organisationId],
      )
      .catch((error: unknown) => {
        throw unknownOrganisation(error);
      });
    await recordEvent(this.outbox, DOMAIN_EVENT.userRoleChanged, { userId: after.id, from: before.role, to: after.role });
    await this.audit.record({
      action: 'user.role_changed',
      entityType: 'USER',
      entityId: after.id,
      before: toUser(before),
      after: toUser(after),
    });
    return toUser(after);
  }

  async deactivate(principal: Principal, userId: string): Promise<UserType> {
    if (userId === principal.userId) {
      throw badInput('You cannot deactivate your own account; ask another tenant administrator.', 'userId');
    }
    const before = await this.find(userId, true);
    const [row] = await this.db.query<UserRow>(
      `update app_user set active = false, updated_at = now() where id = $1 returning ${USER_COLUMNS}`,
      [userId],
    );
    // Sessions end at once: the guard refuses tokens of revoked sessions.
    await this.db.query(`update auth_session set revoked_at = now() where user_id = $1 and revoked_at is null`, [userId]);
    await recordEvent(this.outbox, DOMAIN_EVENT.userDeactivated, { userId });
    await this.audit.record({ action: 'user.deactivated', entityType: 'USER', entityId: userId, before: toUser(before), after: toUser(row) });
    return toUser(row);
  }

  private async find(id: string, lock = false): Promise<UserRow> {
    const [row] = await this.db.query<UserRow>(
      `select ${USER_COLUMNS} from app_user where id = $1 ${lock ? 'for update' : ''}`,
      [id],
    );
    if (!row) throw notFound('The user');
    return row;
  }
}

/** A member representative must be bound to a member organisation of the same tenant. */
function unknownOrganisation(error: unknown): unknown {
  return violatedConstraint(error) === 'app_user_organisation_fk'
    ? badInput('organisationId is not a member organisation of your tenant.', 'organisationId')
    : error;
}
