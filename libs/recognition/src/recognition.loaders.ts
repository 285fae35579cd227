import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { groupBy, oneBy, requestLoader } from '@joinedup/graphql-kit';
import { localityAccessParam } from '@joinedup/registry';
import { RecipientScope, receivedFrom, receivedOrder, recipientCondition, visibilityCounts } from './recognition-lists';
import {
  ContributorRow,
  contributorRecognised,
  MILESTONE_SELECT,
  MilestoneRow,
  RECOGNITION_COLUMNS,
  RecognitionRow,
  qualified,
  toContributor,
  toMilestone,
  toRecognition,
} from './recognition.rows';
import { MilestoneContributorType, MilestoneType, RecognitionType, RecognitionsReceivedType } from './recognition.types';

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

/** Per-request batch loaders of milestones and recognitions: one statement per list level. */
@Injectable()
export class RecognitionLoaders {
  constructor(private readonly db: TenantDb) {}

  milestone(): DataLoader<string, MilestoneType | null> {
    return requestLoader('recognition.milestone', async (ids) => {
      const rows = await this.db.query<MilestoneRow>(`select ${MILESTONE_SELECT} from milestone where id = any($1::uuid[])`, [ids]);
      return oneBy(ids, rows, (r) => r.id).map((r) => r && toMilestone(r));
    });
  }

  /** Milestones of each programme, the earliest due first. */
  milestonesOfProgramme(): DataLoader<string, MilestoneType[]> {
    return requestLoader('recognition.milestones', async (ids) => {
      const rows = await this.db.query<MilestoneRow>(
        `select ${MILESTONE_SELECT} from milestone where programme_id = any($1::uuid[]) order by due_on, lower(name), id`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.programme_id).map((group) => group.map(toMilestone));
    });
  }

  /** Contributors of each milestone by organisation name, each with whether a recognition for it credits them. */
  contributors(): DataLoader<string, MilestoneContributorType[]> {
    return requestLoader('recognition.contributors', async (ids) => {
      const rows = await this.db.query<ContributorRow>(
        `select c.milestone_id, c.organisation_id, ${contributorRecognised('c')} as recognised
           from milestone_contributor c
           join organisation o on o.tenant_id = c.tenant_id and o.id = c.organisation_id
          where c.milestone_id = any($1::uuid[])
          order by lower(o.name), o.id`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.milestone_id).map((group) => group.map(toContributor));
    });
  }

  /** The latest `first` recognitions of each milestone, newest first. */
  recognitionsOfMilestone(first: number): DataLoader<string, RecognitionType[]> {
    return requestLoader(`recognition.ofMilestone.${first}`, async (ids) => {
      const rows = await this.db.query<RecognitionRow>(
        `select * from (
           select ${qualified('r', RECOGNITION_COLUMNS)},
                  row_number() over (partition by r.milestone_id order by ${receivedOrder('r')}) as recent
             from recognition r
            where r.milestone_id = any($1::uuid[])
         ) latest
         where recent <= $2
         order by milestone_id, recent`,
        [ids, first],
      );
      return groupBy(ids, rows, (r) => r.milestone_id!).map((group) => group.map(toRecognition));
    });
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
