import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { groupBy, requestLoader } from '@joinedup/graphql-kit';
import { STATEMENT_COLUMNS, StatementRow, toStatement } from './survey-round.rows';
import { SurveyStatementType } from './survey-round.types';

/** Per-request batch loaders of the health check: one statement per list level. */
@Injectable()
export class HealthCheckLoaders {
  constructor(private readonly db: TenantDb) {}

  /** The statements of each instrument, in order. */
  statements(): DataLoader<string, SurveyStatementType[]> {
    return requestLoader('healthCheck.statements', async (ids) => {
      const rows = await this.db.query<StatementRow>(
        `select ${STATEMENT_COLUMNS} from survey_statement st where st.instrument_id = any($1::uuid[]) order by st.position`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.instrument_id).map((group) => group.map(toStatement));
    });
  }

  /** People invited to each round. */
  invitedCount(): DataLoader<string, number> {
    return this.countPerRound('healthCheck.invited', 'survey_invitation');
  }

  /** Responses made in each round: settled, and new ones still pooled (changes in the pool are not new responses). */
  responseCount(): DataLoader<string, number> {
    return this.countPerRound(
      'healthCheck.responses',
      `(select round_id from survey_response union all select round_id from survey_response_pool where organisation_id is not null)`,
    );
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
