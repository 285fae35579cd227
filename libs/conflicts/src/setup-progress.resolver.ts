import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantDb } from '@joinedup/database';
import { SetupProgressType, boundedCount } from '@joinedup/registry';

/** SQL: the conflict processes (of localities or programmes) with an agreed version, counted as the task list counts. */
export const AGREED_CONFLICT_PROCESSES = boundedCount(`(select distinct process_id from conflict_process_version where agreed_on is not null) agreed`);

/** The set-up task list's count of agreed conflict processes. */
@Resolver(() => SetupProgressType)
export class ConflictsSetupProgressResolver {
  constructor(private readonly db: TenantDb) {}

  @ResolveField(() => Int, { description: 'Conflict processes (of localities or programmes) with an agreed version.' })
  async agreedConflictProcesses(): Promise<number> {
    const [row] = await this.db.query<{ count: number }>(`select ${AGREED_CONFLICT_PROCESSES} as count`);
    return row.count;
  }
}
