import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Principal } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { DescribedLoaders, groupBy, requestLoader } from '@joinedup/graphql-kit';
import { localityAccessParam } from '@joinedup/registry';
import { NOMINATION_COLUMNS, NominationRow, toNomination } from './programme.rows';
import { waitingForEndorsement } from './programme-access';
import { NominationType, NominationsToEndorseType, ProgrammeType } from './programme.types';

/**
 * Programmes and nominations by id, for other libraries' resolvers (a role's programme), from
 * the tables and mappers ProgrammeJsonRead registers; and what waits for an organisation's
 * endorsement, a count with a page that the description only has as a row of its own (no table
 * to re-select it from). The programmes' relations are resolved by their descriptions
 * (DescribedLoaders), not here.
 */
@Injectable()
export class ProgrammeLoaders {
  constructor(
    private readonly db: TenantDb,
    private readonly described: DescribedLoaders,
  ) {}

  programme(): DataLoader<string, ProgrammeType | null> {
    return this.described.byId<ProgrammeType>('Programme');
  }

  nomination(): DataLoader<string, NominationType | null> {
    return this.described.byId<NominationType>('LeaderNomination');
  }

  /**
   * Per organisation: the open nominations of programmes it takes part in now (in localities
   * the caller may see) on which it holds no position yet, the longest waiting first, with
   * their count; one statement for every organisation asked about.
   */
  nominationsToEndorse(principal: Principal, first: number): DataLoader<string, NominationsToEndorseType> {
    return requestLoader(`programmes.nominationsToEndorse.${first}`, async (ids) => {
      const rows = await this.db.query<NominationRow & { for_organisation_id: string; total: number }>(
        `select * from (
           select k.key as for_organisation_id, ${NOMINATION_COLUMNS.split(', ').map((c) => `n.${c}`).join(', ')},
                  count(*) over (partition by k.key)::int as total,
                  row_number() over (partition by k.key order by n.nominated_at, n.id) as place
             from unnest($1::uuid[]) as k(key)
             join leader_nomination n on ${waitingForEndorsement('n', 'k.key', '$2')}
         ) waiting
         where place <= $3
         order by for_organisation_id, place`,
        [ids, localityAccessParam(principal), first],
      );
      return groupBy(ids, rows, (r) => r.for_organisation_id).map((group) => ({
        count: group[0]?.total ?? 0,
        nodes: group.map(toNomination),
      }));
    });
  }
}
