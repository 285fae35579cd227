import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantDb } from '@joinedup/database';
import { SetupProgressType, boundedCount } from '@joinedup/registry';

/** The set-up task list's count of measures. */
@Resolver(() => SetupProgressType)
export class ImprovementSetupProgressResolver {
  constructor(private readonly db: TenantDb) {}

  @ResolveField(() => Int, { description: 'Improvement measures not retired.' })
  async measures(): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(`select ${boundedCount(`improvement_measure where retired_on is null`)} as count`);
    return row.count;
  }
}
