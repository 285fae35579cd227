import { Field, Int, ObjectType } from '@nestjs/graphql';

/** Counts stop here: the set-up task list needs "none" or "some", never an exact large figure. */
export const SETUP_COUNT_LIMIT = 1000;

/** `select count(*)` of at most SETUP_COUNT_LIMIT rows of a query, for one column of a bounded count. */
export const boundedCount = (from: string): string => `(select count(*) from (select 1 from ${from} limit ${SETUP_COUNT_LIMIT}) counted)::int`;

/**
 * How far the partnership is set up, as counts of what each set-up step needs (each counted
 * up to 1000, under row-level security). Later libraries add the counts of their own steps
 * (programmes, agreed conflict processes, measures) as fields of this type.
 */
@ObjectType('SetupProgress', { description: 'How far the partnership is set up: what each set-up step needs, each counted up to 1000.' })
export class SetupProgressType {
  @Field(() => Int, { description: 'Localities not archived.' })
  localities!: number;

  @Field(() => Int, { description: 'Bodies that are active members of a locality not archived.' })
  memberBodies!: number;

  @Field(() => Int, { description: 'People of member bodies who have at least one competency.' })
  peopleWithCompetencies!: number;

  @Field(() => Int, { description: 'Active users who are member organisation representatives.' })
  memberRepresentatives!: number;
}

/** The registry's counts of SetupProgress, by field: for its resolver and its one-statement read. */
export const REGISTRY_SETUP_COUNTS: Record<'localities' | 'memberBodies' | 'peopleWithCompetencies' | 'memberRepresentatives', string> = {
  localities: boundedCount('locality where archived_at is null'),
  memberBodies: boundedCount(`(select distinct m.organisation_id from membership m
                                 join locality l on l.tenant_id = m.tenant_id and l.id = m.locality_id
                                where m.left_on is null and l.archived_at is null) bodies`),
  peopleWithCompetencies: boundedCount('person p where exists (select 1 from person_competency c where c.tenant_id = p.tenant_id and c.person_id = p.id)'),
  memberRepresentatives: boundedCount(`app_user where role = 'MEMBER_REPRESENTATIVE' and active`),
};
