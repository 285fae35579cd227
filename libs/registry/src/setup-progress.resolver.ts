import { Query, Resolver } from '@nestjs/graphql';
import { Action, Roles } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { REGISTRY_MANAGERS } from './registry.resolvers';
import { REGISTRY_SETUP_COUNTS, SetupProgressType } from './setup-progress.type';

/** `setupProgress`: the registry's own steps; later libraries resolve theirs. */
@Resolver(() => SetupProgressType)
export class SetupProgressResolver {
  constructor(private readonly db: TenantDb) {}

  @Action('see how far the partnership is set up')
  @Roles(...REGISTRY_MANAGERS)
  @Query(() => SetupProgressType, { description: 'How far the partnership is set up, for its set-up task list.' })
  async setupProgress(): Promise<SetupProgressType> {
    const columns = Object.entries(REGISTRY_SETUP_COUNTS).map(([field, count]) => `${count} as "${field}"`);
    const [row] = await this.db.query<SetupProgressType>(`select ${columns.join(', ')}`);
    return row;
  }
}
