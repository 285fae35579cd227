import { Role } from '@joinedup/auth';
import { DemoContext } from './demo-context';
import { DEMO_REPRESENTED, DEMO_STAFF_USERS, DemoUser, organisationByKey } from './demo-partnership.data';
import { peopleOf } from './demo-people.data';

export interface DemoUserSummary {
  email: string;
  role: Role;
  /** Name of the organisation a member representative acts for. */
  organisation?: string;
}

/**
 * The demo's staff users and member representatives (`<local part>@<slug>.demo`), made
 * with the run's password when missing; summaries of them and of the tenant's admin.
 */
export async function loadUsers(ctx: DemoContext, slug: string, passwordHash: () => Promise<string>): Promise<DemoUserSummary[]> {
  const representatives: DemoUser[] = DEMO_REPRESENTED.map((key) => ({
    localPart: `rep.${key}`,
    displayName: `${peopleOf(organisationByKey(key))[0].fullName} (${organisationByKey(key).name})`,
    role: Role.MEMBER_REPRESENTATIVE,
    organisation: key,
  }));
  const summaries: DemoUserSummary[] = [];
  const userByEmail = `select id, role from app_user where tenant_id = $1 and lower(email) = lower($2)`;
  const [admin] = await ctx.query(userByEmail, [ctx.tenantId, `admin@${slug}.demo`]);
  if (admin) summaries.push({ email: `admin@${slug}.demo`, role: admin.role as Role });
  for (const user of [...DEMO_STAFF_USERS, ...representatives]) {
    const email = `${user.localPart}@${slug}.demo`;
    const organisationId = user.organisation ? ctx.organisation(user.organisation) : null;
    const [existing] = await ctx.query(userByEmail, [ctx.tenantId, email]);
    const id: string =
      existing?.id ??
      (
        await ctx.insert(
          'app_user',
          `insert into app_user (tenant_id, email, display_name, password_hash, role, organisation_id)
           values ($1, $2, $3, $4, $5, $6) returning id`,
          [ctx.tenantId, email, user.displayName, await passwordHash(), user.role, organisationId],
        )
      ).id;
    ctx.keys.users.set(user.organisation ?? user.localPart, id);
    summaries.push({
      email,
      role: (existing?.role as Role | undefined) ?? user.role,
      ...(user.organisation ? { organisation: organisationByKey(user.organisation).name } : {}),
    });
  }
  return summaries;
}
