import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantDb } from '@joinedup/database';
import { SetupProgressType, boundedCount } from '@joinedup/registry';

/** SQL: the programmes not closed, counted as the task list counts. */
export const OPEN_PROGRAMMES = boundedCount(`programme where status <> 'CLOSED'`);

/** The set-up task list's count of programmes. */
@Resolver(() => SetupProgressType)
export class ProgrammesSetupProgressResolver {
  constructor(private readonly db: TenantDb) {}

  @ResolveField(() => Int, { description: 'Programmes not closed.' })
  async programmes(): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(`select ${OPEN_PROGRAMMES} as count`);
    return row.count;
  }
}
