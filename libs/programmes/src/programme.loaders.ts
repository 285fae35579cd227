import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { groupBy, oneBy, requestLoader } from '@joinedup/graphql-kit';
import { Principal } from '@joinedup/access';
import { localityAccessParam, ORGANISATION_COLUMNS, OrganisationRow, OrganisationType, toOrganisation } from '@joinedup/registry';
import {
  ENDORSEMENT_COLUMNS,
  EndorsementRow,
  LEADER_COLUMNS,
  LeaderRow,
  NOMINATION_COLUMNS,
  NominationRow,
  PROGRAMME_COLUMNS,
  ProgrammeRow,
  RECONFIRMATION_COLUMNS,
  ReconfirmationRow,
  toEndorsement,
  toLeader,
  toNomination,
  toProgramme,
  toReconfirmation,
} from './programme.rows';
import { waitingForEndorsement } from './programme-access';
import {
  EndorsementType,
  LeaderReconfirmationType,
  NominationType,
  NominationsToEndorseType,
  ProgrammeLeaderType,
  ProgrammeType,
} from './programme.types';

/** Per-request batch loaders of programmes and leadership: one statement per list level. */
@Injectable()
export class ProgrammeLoaders {
  constructor(private readonly db: TenantDb) {}

  programme(): DataLoader<string, ProgrammeType | null> {
    return requestLoader('programmes.programme', async (ids) => {
      const rows = await this.db.query<ProgrammeRow>(`select ${PROGRAMME_COLUMNS} from programme where id = any($1::uuid[])`, [ids]);
      return oneBy(ids, rows, (r) => r.id).map((r) => r && toProgramme(r));
    });
  }

  programmesOfLocality(): DataLoader<string, ProgrammeType[]> {
    return requestLoader('programmes.byLocality', async (ids) => {
      const rows = await this.db.query<ProgrammeRow>(
        `select ${PROGRAMME_COLUMNS} from programme where locality_id = any($1::uuid[]) order by name, id`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.locality_id).map((group) => group.map(toProgramme));
    });
  }

  participants(): DataLoader<string, OrganisationType[]> {
    return requestLoader('programmes.participants', async (ids) => {
      const rows = await this.db.query<OrganisationRow & { programme_id: string }>(
        `select pp.programme_id, ${ORGANISATION_COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}
           from programme_participant pp
           join organisation o on o.tenant_id = pp.tenant_id and o.id = pp.organisation_id
          where pp.programme_id = any($1::uuid[]) and pp.left_at is null
          order by o.name`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.programme_id).map((group) => group.map(toOrganisation));
    });
  }

  currentLeader(): DataLoader<string, ProgrammeLeaderType | null> {
    return requestLoader('programmes.leader', async (ids) => {
      const rows = await this.db.query<LeaderRow>(
        `select ${LEADER_COLUMNS} from programme_leader where programme_id = any($1::uuid[]) and stepped_down_at is null`,
        [ids],
      );
      return oneBy(ids, rows, (r) => r.programme_id).map((r) => r && toLeader(r));
    });
  }

  leaderHistory(): DataLoader<string, ProgrammeLeaderType[]> {
    return requestLoader('programmes.leaderHistory', async (ids) => {
      const rows = await this.db.query<LeaderRow>(
        `select ${LEADER_COLUMNS} from programme_leader where programme_id = any($1::uuid[]) order by agreed_at`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.programme_id).map((group) => group.map(toLeader));
    });
  }

  openNomination(): DataLoader<string, NominationType | null> {
    return requestLoader('programmes.openNomination', async (ids) => {
      const rows = await this.db.query<NominationRow>(
        `select ${NOMINATION_COLUMNS} from leader_nomination where programme_id = any($1::uuid[]) and status = 'OPEN'`,
        [ids],
      );
      return oneBy(ids, rows, (r) => r.programme_id).map((r) => r && toNomination(r));
    });
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

  nomination(): DataLoader<string, NominationType | null> {
    return requestLoader('programmes.nomination', async (ids) => {
      const rows = await this.db.query<NominationRow>(
        `select ${NOMINATION_COLUMNS} from leader_nomination where id = any($1::uuid[])`,
        [ids],
      );
      return oneBy(ids, rows, (r) => r.id).map((r) => r && toNomination(r));
    });
  }

  /** Decided re-confirmations of each leader (programme_leader id), oldest first. */
  reconfirmations(): DataLoader<string, LeaderReconfirmationType[]> {
    return requestLoader('programmes.reconfirmations', async (ids) => {
      const rows = await this.db.query<ReconfirmationRow>(
        `select ${RECONFIRMATION_COLUMNS} from leader_reconfirmation where leader_id = any($1::uuid[]) order by decided_at, id`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.leader_id).map((group) => group.map(toReconfirmation));
    });
  }

  nominations(): DataLoader<string, NominationType[]> {
    return requestLoader('programmes.nominations', async (ids) => {
      const rows = await this.db.query<NominationRow>(
        `select ${NOMINATION_COLUMNS} from leader_nomination where programme_id = any($1::uuid[]) order by nominated_at`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.programme_id).map((group) => group.map(toNomination));
    });
  }

  /** The position each organisation holds now (its latest endorsement). */
  currentEndorsements(): DataLoader<string, EndorsementType[]> {
    return requestLoader('programmes.endorsements', async (ids) => {
      const rows = await this.db.query<EndorsementRow>(
        `select distinct on (nomination_id, organisation_id) ${ENDORSEMENT_COLUMNS} from endorsement
          where nomination_id = any($1::uuid[])
          order by nomination_id, organisation_id, endorsed_at desc, id desc`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.nomination_id).map((group) => group.map(toEndorsement));
    });
  }

  endorsementHistory(): DataLoader<string, EndorsementType[]> {
    return requestLoader('programmes.endorsementHistory', async (ids) => {
      const rows = await this.db.query<EndorsementRow>(
        `select ${ENDORSEMENT_COLUMNS} from endorsement where nomination_id = any($1::uuid[]) order by endorsed_at, id`,
        [ids],
      );
      return groupBy(ids, rows, (r) => r.nomination_id).map((group) => group.map(toEndorsement));
    });
  }
}
