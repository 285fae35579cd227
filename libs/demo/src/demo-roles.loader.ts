import { DemoContext } from './demo-context';
import { DEMO_ROLES, DemoRole, demoFit, vacantSinceOf } from './demo-roles.data';

/** Programme roles, their required competencies and their holders, past and current. */
export async function loadRoles(ctx: DemoContext): Promise<void> {
  for (const role of DEMO_ROLES) await loadRole(ctx, role);
}

async function loadRole(ctx: DemoContext, role: DemoRole): Promise<void> {
  const programme = ctx.programme(role.programme);
  const vacantSince = vacantSinceOf(role);
  // A retired role keeps its title, so it is found among the retired ones too.
  const { id, inserted } = await ctx.findOrInsert(
    'programme_role',
    [
      `select id from programme_role where tenant_id = $1 and programme_id = $2 and lower(title) = lower($3)
        order by retired_at desc nulls first, created_at limit 1`,
      [ctx.tenantId, programme.id, role.title],
    ],
    [
      `insert into programme_role (tenant_id, programme_id, title, responsibilities, required_for_programme, vacant_since,
                                   created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        ctx.tenantId,
        programme.id,
        role.title,
        role.responsibilities,
        role.requiredForProgramme,
        vacantSince === null ? null : ctx.date(vacantSince),
        ctx.at(role.createdOn),
        ctx.at(Math.max(role.createdOn, ...role.holders.map((h) => h.ended?.on ?? h.assignedOn))),
      ],
    ],
  );
  if (!inserted) return;
  const competencies = await ctx.query(
    `insert into programme_role_competency (tenant_id, role_id, name, min_level)
     select $1, $2, c.name, c.min_level from unnest($3::text[], $4::int[]) as c(name, min_level) returning name`,
    [ctx.tenantId, id, role.requiredCompetencies.map((c) => c.name), role.requiredCompetencies.map((c) => c.minLevel)],
  );
  ctx.count('programme_role_competency', competencies.length);

  // The database checks each holder takes part in the programme and the role is not yet
  // retired; an ended holder leaves vacant_since as inserted, a current one clears it.
  const coordinator = ctx.staff('coordinator');
  for (const holder of role.holders) {
    await ctx.insert(
      'role_assignment',
      `insert into role_assignment (tenant_id, programme_id, role_id, person_id, organisation_id, selection_method, rationale,
                                    fit_at_assignment, assigned_by_user_id, assigned_at, ended_at, end_cause, end_reason,
                                    ended_by_user_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        ctx.tenantId,
        programme.id,
        id,
        ctx.person(holder.person),
        ctx.organisation(holder.person.organisation),
        holder.selectionMethod,
        holder.rationale ?? null,
        demoFit(role, holder.person),
        coordinator,
        ctx.at(holder.assignedOn),
        holder.ended ? ctx.at(holder.ended.on) : null,
        holder.ended?.cause ?? null,
        holder.ended?.reason ?? null,
        holder.ended ? coordinator : null,
      ],
    );
  }
  if (role.retired) {
    await ctx.query(`update programme_role set retired_at = $2, retire_reason = $3 where tenant_id = $4 and id = $1`, [
      id,
      ctx.at(role.retired.on),
      role.retired.reason,
      ctx.tenantId,
    ]);
  }
}
