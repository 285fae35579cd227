import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { badInput, notFound } from '@joinedup/errors';
import { oneBy, requestLoader } from '@joinedup/graphql-kit';
import { HealthTrendArgs } from './governance.inputs';
import { GovernanceHealthType } from './governance.types';

const HEALTH_COLUMNS = `taken_at as "takenAt", scan_id as "scanId", overall, flexibility, recognition, communication,
  conflict_resolution as "conflictResolution", role_fit as "roleFit", leadership,
  continuous_improvement as "continuousImprovement", open_flags as "openFlags", subject_id as "subjectId"`;

/** A trend returns at most this many snapshots (the latest of its period). */
export const MAX_TREND_POINTS = 1000;
/** And spans at most this many days. */
const MAX_TREND_DAYS = 3 * 366;

/** Health scores of programmes and localities: the latest, and their trend over a period. */
@Injectable()
export class GovernanceHealthService {
  constructor(private readonly db: TenantDb) {}

  /** The latest snapshot of each subject (programme or locality), one statement per batch. */
  latest(): DataLoader<string, GovernanceHealthType | null> {
    return requestLoader('governance.latestHealth', async (ids) => {
      const rows = await this.db.query<GovernanceHealthType>(
        `select h.* from unnest($1::uuid[]) as k(id)
           cross join lateral (select ${HEALTH_COLUMNS} from health_snapshot
                                where subject_id = k.id order by taken_at desc, id desc limit 1) h`,
        [ids],
      );
      return oneBy(ids, rows, (row) => row.subjectId);
    });
  }

  /** The snapshot of each subject that was the latest at the end of `day` (UTC), one statement per batch. */
  asOf(day: string): DataLoader<string, GovernanceHealthType | null> {
    return requestLoader(`governance.healthAsOf.${day}`, async (ids) => {
      const rows = await this.db.query<GovernanceHealthType>(
        `select h.* from unnest($1::uuid[]) as k(id)
           cross join lateral (select ${HEALTH_COLUMNS} from health_snapshot
                                where subject_id = k.id and taken_at < ($2::date + 1)::timestamp at time zone 'UTC'
                                order by taken_at desc, id desc limit 1) h`,
        [ids, day],
      );
      return oneBy(ids, rows, (row) => row.subjectId);
    });
  }

  /** Snapshots of one programme or locality from `from` to `to` (whole UTC days), oldest first. */
  async trend(args: HealthTrendArgs): Promise<GovernanceHealthType[]> {
    if (!!args.programmeId === !!args.localityId) throw badInput('Give either programmeId or localityId.');
    if (args.from > args.to) throw badInput('The trend must end on or after the day it starts.', 'to');
    const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000;
    if (days > MAX_TREND_DAYS) throw badInput(`A trend spans at most ${MAX_TREND_DAYS} days.`, 'to');
    const subjectId = (args.programmeId ?? args.localityId) as string;
    const [subject] = await this.db.query(
      args.programmeId ? `select id from programme where id = $1` : `select id from locality where id = $1`,
      [subjectId],
    );
    if (!subject) throw notFound(args.programmeId ? 'The programme' : 'The locality');
    const rows = await this.db.query<GovernanceHealthType>(
      `select * from (
         select ${HEALTH_COLUMNS}, id from health_snapshot
          where subject_id = $1
            and taken_at >= ($2::date)::timestamp at time zone 'UTC'
            and taken_at < ($3::date + 1)::timestamp at time zone 'UTC'
          order by taken_at desc, id desc
          limit $4) latest
       order by "takenAt", id`,
      [subjectId, args.from, args.to, MAX_TREND_POINTS],
    );
    return rows;
  }
}
