import { Query, Resolver } from '@nestjs/graphql';
import { Action, Roles } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { REGISTRY_MANAGERS } from './registry.resolvers';
import { boundedCount, SetupProgressType } from './setup-progress.type';

/** `setupProgress`: the registry's own steps; later libraries resolve theirs. */
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
