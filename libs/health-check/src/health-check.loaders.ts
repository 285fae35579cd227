import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { requestLoader } from '@joinedup/graphql-kit';

/**
 * Per-request batch loaders of a round's counts: one statement per list level. (A round's
 * statements are executed by their description, DescribedLoaders; these counts are values,
 * not relations, which DescribedLoaders does not read.)
 */
@Injectable()
export class HealthCheckLoaders {
  constructor(private readonly db: TenantDb) {}

  /** People invited to each round. */
  invitedCount(): DataLoader<string, number> {
    return this.countPerRound('healthCheck.invited', ROUND_INVITATIONS);
  }

  /** Responses made in each round: settled, and new ones still pooled (changes in the pool are not new responses). */
  responseCount(): DataLoader<string, number> {
    return this.countPerRound('healthCheck.responses', ROUND_RESPONSES);
  }

  private countPerRound(name: string, table: string): DataLoader<string, number> {
    return requestLoader(name, async (ids) => {
      const rows = await this.db.query<{ round_id: string; n: number }>(
        `select round_id, count(*)::int as n from ${table} r where round_id = any($1::uuid[]) group by round_id`,
        [ids],
      );
      const counts = new Map(rows.map((r) => [r.round_id, r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
  }
}

/** A round's invitations (rows with round_id). */
export const ROUND_INVITATIONS = 'survey_invitation';
/** A round's responses (rows with round_id): settled, and new ones still pooled. */
export const ROUND_RESPONSES = `(select round_id from survey_response union all select round_id from survey_response_pool where organisation_id is not null)`;
/** How many rows of `table` (ROUND_INVITATIONS, ROUND_RESPONSES) the round `round` (a uuid expression) has, as an int. */
export const countInRound = (table: string, round: string) => `(select count(*)::int from ${table} r where r.round_id = ${round})`;
