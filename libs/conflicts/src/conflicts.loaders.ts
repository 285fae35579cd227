import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { Connection, groupBy, requestLoader } from '@joinedup/graphql-kit';
import { ConflictScope, conflictPages } from './conflict-lists';
import { conflictSource, viewerParam } from './conflict-visibility';
import { ConflictFilterArgs } from './conflicts.inputs';
import { historyOf, historyOrder, partiesOf, partyOrder } from './conflict-relations';
import { EventRow, STAGE_COLUMNS, StageRow, toEvent, toStage } from './conflicts.rows';
import { ConflictEventType, ConflictStageType, ConflictType } from './conflicts.types';

/**
 * Per-request batch loaders of what conflicts still execute by hand: one statement per list
 * level. A process's versions, a version's stages and process, and a locality's process are
 * executed by their descriptions (ConflictJsonRead, DescribedLoaders), as are a programme's
 * process and applicable version. What stays here: the stages of a conflict's
 * version (its stage and allowed actions), and what depends on who reads (a conflict's parties
 * and history, masked in SQL for the caller's organisation on a parent row that is itself masked).
 */
@Injectable()
export class ConflictLoaders {
  constructor(private readonly db: TenantDb) {}

  stages(): DataLoader<string, ConflictStageType[]> {
    return requestLoader('conflicts.stages', async (ids) => {
      const rows = await this.db.query<StageRow>(
        `select ${STAGE_COLUMNS} from conflict_process_stage where version_id = any($1::uuid[]) order by stage_number`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.version_id).map((group) => group.map(toStage));
    });
  }

  /** The other parties of each conflict; none for a caller who may not read the details. */
  parties(principal: Principal): DataLoader<string, string[]> {
    return requestLoader('conflicts.parties', async (ids) => {
      const rows = await this.db.query<{ conflict_id: string; organisation_id: string }>(
        `select c.id as conflict_id, party.id as organisation_id
           from ${conflictSource('$2')}
           cross join lateral (select o.id, o.name ${partiesOf('c', 'v.details_visible', 'o')}) party
          where c.id = any($1::uuid[])
          order by ${partyOrder('party')}`,
        [ids, viewerParam(principal)],
      );
      return groupBy(ids, rows, (r) => r.conflict_id).map((group) => group.map((r) => r.organisation_id));
    });
  }

  /**
   * The history of each conflict, oldest first. A caller who may not read the details
   * sees the transitions only: no comments, notes or who acted.
   */
  history(principal: Principal): DataLoader<string, ConflictEventType[]> {
    return requestLoader('conflicts.history', async (ids) => {
      const rows = await this.db.query<EventRow>(
        `select e.* from ${conflictSource('$2')} cross join lateral ${historyOf('c', 'v.details_visible')} e
          where c.id = any($1::uuid[])
          order by ${historyOrder('e')}`,
        [ids, viewerParam(principal)],
      );
      return groupBy(ids, rows, (r) => r.conflict_id).map((group) => group.map(toEvent));
    });
  }

  /** A page of conflicts per locality, programme or organisation, with the same filters for each. */
  conflictsOf(principal: Principal, scope: ConflictScope, args: ConflictFilterArgs): DataLoader<string, Connection<ConflictType>> {
    const { first, after, status, severity, category, stage } = args;
    const name = `conflicts.of.${scope}.${JSON.stringify({ first, after, status, severity, category, stage })}`;
    return requestLoader(name, (keys) => conflictPages(this.db, viewerParam(principal), scope, keys, args));
  }
}
