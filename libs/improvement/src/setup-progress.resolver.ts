import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantDb } from '@joinedup/database';
import { SetupProgressType, boundedCount } from '@joinedup/registry';

/** SQL: the measures not retired, counted as the task list counts. */
export const CURRENT_MEASURES = boundedCount(`improvement_measure where retired_on is null`);

/** The set-up task list's count of measures. */
@Resolver(() => SetupProgressType)
export class ImprovementSetupProgressResolver {
  constructor(private readonly db: TenantDb) {}

  @ResolveField(() => Int, { description: 'Improvement measures not retired.' })
  async measures(): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(`select ${CURRENT_MEASURES} as count`);
    return row.count;
  }
}
