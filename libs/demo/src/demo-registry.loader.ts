import { violatedConstraint } from '@joinedup/database';
import { conflict } from '@joinedup/errors';
import { DemoContext } from './demo-context';
import { DEMO_LOCALITIES, DEMO_ORGANISATIONS, organisationByKey } from './demo-partnership.data';
import { peopleOf, stableHash } from './demo-people.data';

/** Localities, member bodies with their memberships, and their people with competencies. */
export async function loadRegistry(ctx: DemoContext): Promise<void> {
  for (const locality of DEMO_LOCALITIES) {
    const { id } = await ctx.findOrInsert(
      'locality',
      [`select id from locality where tenant_id = $1 and upper(code) = upper($2)`, [ctx.tenantId, locality.code]],
      [
        `insert into locality (tenant_id, name, code, region) values ($1, $2, $3, $4) returning id`,
        [ctx.tenantId, locality.name, locality.code, locality.region],
      ],
    );
    ctx.keys.localities.set(locality.code, { id, name: locality.name });
  }
  for (const organisation of DEMO_ORGANISATIONS) {
    const { id } = await ctx.findOrInsert(
      'organisation',
      [`select id from organisation where tenant_id = $1 and lower(name) = lower($2)`, [ctx.tenantId, organisation.name]],
      [
        `insert into organisation (tenant_id, name, sector) values ($1, $2, $3) returning id`,
        [ctx.tenantId, organisation.name, organisation.sector],
      ],
    );
    ctx.keys.organisations.set(organisation.key, id);
    for (const code of organisation.localities) {
      await membership(ctx, ctx.locality(code), id, -(450 + (stableHash(organisation.key) % 1000)));
    }
    await people(ctx, organisation.key);
  }
}

async function membership(ctx: DemoContext, locality: { id: string; name: string }, organisationId: string, joinedOn: number) {
  try {
    const rows = await ctx.query(
      `insert into membership (tenant_id, locality_id, organisation_id, joined_on) values ($1, $2, $3, $4)
       on conflict (tenant_id, locality_id, organisation_id) where left_on is null do nothing returning id`,
      [ctx.tenantId, locality.id, organisationId, ctx.date(joinedOn)],
    );
    ctx.count('membership', rows.length);
  } catch (error) {
    if (violatedConstraint(error) === 'locality_member_limit') {
      throw conflict(`${locality.name} already has too many active member bodies for the demo partnership.`);
    }
    throw error;
  }
}

async function people(ctx: DemoContext, organisationKey: string): Promise<void> {
  const organisationId = ctx.organisation(organisationKey);
  const ids: string[] = [];
  for (const person of peopleOf(organisationByKey(organisationKey))) {
    const { id } = await ctx.findOrInsert(
      'person',
      [
        `select id from person where tenant_id = $1 and organisation_id = $2 and lower(full_name) = lower($3)
          order by created_at, id limit 1`,
        [ctx.tenantId, organisationId, person.fullName],
      ],
      [
        `insert into person (tenant_id, organisation_id, full_name, job_title, email) values ($1, $2, $3, $4, $5) returning id`,
        [ctx.tenantId, organisationId, person.fullName, person.jobTitle, person.email],
      ],
    );
    const rows = await ctx.query(
      `insert into person_competency (tenant_id, person_id, name, level)
       select $1::uuid, $2::uuid, c.name, c.level from unnest($3::text[], $4::int[]) as c(name, level)
       on conflict do nothing returning name`,
      [ctx.tenantId, id, person.competencies.map((c) => c.name), person.competencies.map((c) => c.level)],
    );
    ctx.count('person_competency', rows.length);
    ids.push(id);
  }
  ctx.keys.people.set(organisationKey, ids);
}
