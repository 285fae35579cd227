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
