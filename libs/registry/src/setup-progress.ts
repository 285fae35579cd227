import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Action, Roles } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { REGISTRY_MANAGERS } from './registry.resolvers';

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

@Resolver(() => SetupProgressType)
export class SetupProgressResolver {
  constructor(private readonly db: TenantDb) {}

  @Action('see how far the partnership is set up')
  @Roles(...REGISTRY_MANAGERS)
  @Query(() => SetupProgressType, { description: 'How far the partnership is set up, for its set-up task list.' })
  async setupProgress(): Promise<SetupProgressType> {
    const [row] = await this.db.query<SetupProgressType>(
      `select ${boundedCount('locality where archived_at is null')} as "localities",
              ${boundedCount(`(select distinct m.organisation_id from membership m
                                 join locality l on l.tenant_id = m.tenant_id and l.id = m.locality_id
                                where m.left_on is null and l.archived_at is null) bodies`)} as "memberBodies",
              ${boundedCount('person p where exists (select 1 from person_competency c where c.tenant_id = p.tenant_id and c.person_id = p.id)')} as "peopleWithCompetencies",
              ${boundedCount(`app_user where role = 'MEMBER_REPRESENTATIVE' and active`)} as "memberRepresentatives"`,
    );
    return row;
  }
}
