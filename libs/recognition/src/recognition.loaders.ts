import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { DescribedLoaders, groupBy, requestLoader } from '@joinedup/graphql-kit';
import { localityAccessParam } from '@joinedup/registry';
import { RecipientScope, receivedFrom, receivedOrder, recipientCondition, visibilityCounts } from './recognition-lists';
import { RECOGNITION_COLUMNS, RecognitionRow, qualified, toRecognition } from './recognition.rows';
import { MilestoneType, RecognitionsReceivedType } from './recognition.types';

export interface ReceivedQuery {
  from: string;
  to: string;
  first: number;
}

type ReceivedRow = RecognitionRow & {
  key: string;
  total: number;
  on_board: number;
  in_own_organisation: number;
  publicly: number;
};

/**
 * Milestones by id, from the table and mapper MilestoneJsonRead registers; and the recognitions
 * received in a period, counted by visibility, which the description has only as a row of no
 * table: per request, one statement per list level. A programme's milestones, a milestone's
 * contributors and recognitions are resolved by their descriptions (DescribedLoaders), not here.
 */
@Injectable()
export class RecognitionLoaders {
  constructor(
    private readonly db: TenantDb,
    private readonly described: DescribedLoaders,
  ) {}

  milestone(): DataLoader<string, MilestoneType | null> {
    return this.described.byId<MilestoneType>('Milestone');
  }

  /**
   * Recognitions each recipient received in a period, with counts by where they were made
   * visible: one statement whatever the number of recipients. A member representative
   * sees those of programmes in localities their organisation is a member of.
   */
  received(principal: Principal, scope: RecipientScope, query: ReceivedQuery): DataLoader<string, RecognitionsReceivedType> {
    const access = localityAccessParam(principal);
    const name = `recognition.received.${scope}.${query.from}.${query.to}.${query.first}.${access ?? 'all'}`;
    return requestLoader(name, async (keys) => {
      const rows = await this.db.query<ReceivedRow>(
        `select * from (
           select k.key, ${qualified('r', RECOGNITION_COLUMNS)}, count(*) over per_key as total,
                  ${Object.entries(visibilityCounts('r')).map(([name, count]) => `${count} over per_key as ${name}`).join(', ')},
                  row_number() over (partition by k.key order by ${receivedOrder('r')}) as row_in_key
             from unnest($1::uuid[]) as k(key)
             cross join ${receivedFrom('r', '$2', '$3', '$4')} and ${recipientCondition(scope, 'r', 'k.key')}
           window per_key as (partition by k.key)
         ) received
         where row_in_key <= $5
         order by key, row_in_key`,
        [keys, query.from, query.to, access, query.first],
      );
      return groupBy(keys, rows, (r) => r.key).map((group) => ({
        from: query.from,
        to: query.to,
        total: Number(group[0]?.total ?? 0),
        visibleOnPartnershipBoard: Number(group[0]?.on_board ?? 0),
        visibleInOwnOrganisation: Number(group[0]?.in_own_organisation ?? 0),
        visiblePublicly: Number(group[0]?.publicly ?? 0),
        recognitions: group.map(toRecognition),
      }));
    });
  }
}
