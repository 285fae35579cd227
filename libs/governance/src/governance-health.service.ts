import { Injectable } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { badInput, notFound } from '@joinedup/errors';
import { HealthTrendArgs } from './governance.inputs';
import { GovernanceHealthType } from './governance.types';

/** A row of health_snapshot. */
export interface HealthRow {
  subject_id: string;
  taken_at: Date;
  scan_id: string;
  overall: number;
  flexibility: number;
  recognition: number;
  communication: number;
  conflict_resolution: number;
  role_fit: number;
  leadership: number;
  continuous_improvement: number;
  open_flags: number;
}

/** A snapshot as the schema shows it. */
export const toHealth = (r: HealthRow): GovernanceHealthType => ({
  takenAt: r.taken_at,
  scanId: r.scan_id,
  overall: r.overall,
  flexibility: r.flexibility,
  recognition: r.recognition,
  communication: r.communication,
  conflictResolution: r.conflict_resolution,
  roleFit: r.role_fit,
  leadership: r.leadership,
  continuousImprovement: r.continuous_improvement,
  openFlags: r.open_flags,
  subjectId: r.subject_id,
});

/** A trend returns at most this many snapshots (the latest of its period). */
export const MAX_TREND_POINTS = 1000;
/** And spans at most this many days. */
export const MAX_TREND_DAYS = 3 * 366;

/**
 * The latest snapshot of `subject` (a uuid expression) named `h`, taken before `before` when
 * given (a timestamptz expression): `from … order by … limit 1`.
 */
export const latestSnapshot = (subject: string, h: string, before?: string): string =>
  `from health_snapshot ${h} where ${h}.subject_id = ${subject}${before ? ` and ${h}.taken_at < ${before}` : ''}
   order by ${h}.taken_at desc, ${h}.id desc limit 1`;

/** The end of `day` (a YYYY-MM-DD expression), UTC, as a timestamptz. */
export const endOfDay = (day: string): string => `(${day}::date + 1)::timestamp at time zone 'UTC'`;

/** The snapshots of a trend of `subject` from day `from` to day `to` (expressions), the latest MAX_TREND_POINTS: `from … limit`. */
export const trendSnapshots = (subject: string, from: string, to: string, h: string): string =>
  `from health_snapshot ${h}
    where ${h}.subject_id = ${subject}::uuid and ${h}.taken_at >= (${from}::date)::timestamp at time zone 'UTC' and ${h}.taken_at < ${endOfDay(to)}
    order by ${h}.taken_at desc, ${h}.id desc limit ${MAX_TREND_POINTS}`;

/** The subject of a trend exists: the programme `programme`, else the locality `locality` (uuid expressions, one of them null). */
export const trendSubjectExists = (programme: string, locality: string): string =>
  `case when ${programme}::uuid is not null then exists (select from programme p where p.id = ${programme}::uuid)
        else exists (select from locality l where l.id = ${locality}::uuid) end`;

/** Health scores of programmes and localities over a period (the latest is read by its description: governance-json-read.ts). */
@Injectable()
export class GovernanceHealthService {
  constructor(private readonly db: TenantDb) {}

  /** Snapshots of one programme or locality from `from` to `to` (whole UTC days), oldest first. */
  async trend(args: HealthTrendArgs): Promise<GovernanceHealthType[]> {
    if (!!args.programmeId === !!args.localityId) throw badInput('Give either programmeId or localityId.');
    if (args.from > args.to) throw badInput('The trend must end on or after the day it starts.', 'to');
    const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000;
    if (days > MAX_TREND_DAYS) throw badInput(`A trend spans at most ${MAX_TREND_DAYS} days.`, 'to');
    const [{ found }] = await this.db.query<{ found: boolean }>(`select ${trendSubjectExists('$1', '$2')} as found`, [
      args.programmeId ?? null,
      args.localityId ?? null,
    ]);
    if (!found) throw notFound(args.programmeId ? 'The programme' : 'The locality');
    const rows = await this.db.query<HealthRow>(
      `select * from (select h.* ${trendSnapshots('$1', '$2', '$3', 'h')}) latest order by taken_at, id`,
      [args.programmeId ?? args.localityId, args.from, args.to],
    );
    return rows.map(toHealth);
  }
}
