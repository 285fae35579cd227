import { Injectable } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { notFound } from '@joinedup/errors';
import { Barrier } from '@joinedup/governance';
import { Sector } from '@joinedup/registry';
import {
  AnswerCounts,
  GroupAnswers,
  addCounts,
  differenceFromBaseline,
  groupsToShow,
  noAnswers,
  weaknessShare,
} from './health-check-stats';
import {
  HealthCheckBarrierResultType,
  HealthCheckGroupKind,
  HealthCheckGroupResultType,
  HealthCheckPerceptionGapType,
  HealthCheckResultsType,
  HealthCheckRoundSummaryType,
  HealthCheckTrendPointType,
  PerceptionGapSide,
  StatementAnswers,
} from './health-check-results.types';
import { perceptionReading, perceptionSide } from './perception-gap';
import { CsvResponse, responsesCsv } from './results-csv';
import { SurveyAnswer } from './survey-answer';
import { SurveyRoundStatus, linksExpireAt, roundStatusSql } from './survey-round-status';

/** A trend shows at most this many rounds: the latest. */
export const MAX_TREND_ROUNDS = 20;

const ROUND_COLUMNS = `r.id, r.locality_id as "localityId", r.programme_id as "programmeId", r.title,
  r.opens_on::text as "opensOn", r.closes_on::text as "closesOn", ${roundStatusSql('r')} as status,
  r.count_neutral as "countNeutral", r.min_group_size as "minGroupSize", r.instrument_id as "instrumentId",
  least(now(), ${linksExpireAt('r.closes_on')}) as "comparedAt",
  (select count(*) from survey_response s where s.tenant_id = r.tenant_id and s.round_id = r.id)::int as "responseCount"`;

const STATEMENT_COLUMNS = `st.id, st.position, st.barrier, st.text, st.baseline_share::float8 as "baselineShare",
  st.baseline_label as "baselineLabel"`;

/** Answer counts of one statement as SQL gives them: { answer: n }. */
type CountsJson = Partial<Record<SurveyAnswer, number>>;

interface RoundRow extends HealthCheckRoundSummaryType {
  countNeutral: boolean;
  minGroupSize: number;
  instrumentId: string;
  comparedAt: Date;
  responseCount: number;
}

type StatementRow = StatementAnswers & { counts: CountsJson };

const summaryOf = (row: RoundRow): HealthCheckRoundSummaryType => ({
  id: row.id,
  localityId: row.localityId,
  programmeId: row.programmeId,
  title: row.title,
  opensOn: row.opensOn,
  closesOn: row.closesOn,
  status: row.status,
});

const statementOf = ({ counts: _counts, ...statement }: StatementRow): StatementAnswers => statement;

/** "47 %" from 0.47, where the instrument gives no label of its own. */
const labelOf = (statement: StatementAnswers) =>
  statement.baselineLabel ?? (statement.baselineShare === null ? null : `${Math.round(statement.baselineShare * 1000) / 10} %`);

function barrierResult(statement: StatementAnswers, counts: AnswerCounts, countNeutral: boolean): HealthCheckBarrierResultType {
  const share = weaknessShare(counts, countNeutral);
  return {
    barrier: statement.barrier,
    statementId: statement.id,
    position: statement.position,
    statement: statement.text,
    ...share,
    baselineShare: statement.baselineShare,
    baselineLabel: labelOf(statement),
    difference: differenceFromBaseline(share.share, statement.baselineShare),
  };
}

const countsOf = (json: CountsJson | null | undefined) => addCounts(noAnswers(), json ?? {});

/**
 * Results of health-check rounds: shares reporting each weakness with their intervals,
 * against the 2007 baseline, by group (never a group smaller than the round's minimum),
 * against the governance engine's health score, across rounds, and as an anonymous CSV.
 * Each is one or two set-based statements under the tenant's RLS; another tenant's round
 * is simply not there (NOT_FOUND).
 */
@Injectable()
export class HealthCheckResultsService {
  constructor(private readonly db: TenantDb) {}

  async results(roundId: string): Promise<HealthCheckResultsType> {
    const round = await this.round(roundId);
    const [counts] = await this.db.query<{ invited: number; statements: StatementRow[] }>(
      `select (select count(*) from survey_invitation i where i.round_id = $1)::int as invited,
              coalesce(json_agg(s order by s.position), '[]') as statements
         from (select ${STATEMENT_COLUMNS},
                      (select coalesce(jsonb_object_agg(c.answer, c.n), '{}')
                         from (select a.answer, count(*)::int as n
                                 from survey_answer a join survey_response rs on rs.tenant_id = a.tenant_id and rs.id = a.response_id
                                where rs.round_id = $1 and a.statement_id = st.id
                                group by a.answer) c) as counts
                 from survey_statement st where st.instrument_id = $2) s`,
      [round.id, round.instrumentId],
    );
    return {
      round: summaryOf(round),
      provisional: round.status !== SurveyRoundStatus.CLOSED,
      invitedCount: counts.invited,
      responseCount: round.responseCount,
      countNeutral: round.countNeutral,
      minGroupSize: round.minGroupSize,
      barriers: counts.statements.map((s) => barrierResult(s, countsOf(s.counts), round.countNeutral)),
      instrumentId: round.instrumentId,
      statements: counts.statements.map(statementOf),
      comparedAt: round.comparedAt,
    };
  }

  /** The round's results by sector or by organisation: one statement for every group's counts. */
  async byGroup(results: HealthCheckResultsType, kind: 'SECTOR' | 'ORGANISATION'): Promise<HealthCheckGroupResultType[]> {
    const key = kind === 'SECTOR' ? 'r.sector' : 'r.organisation_id::text';
    const rows = await this.db.query<{ key: string; statementId: string | null; answer: SurveyAnswer | null; n: number }>(
      `with responses as (select r.tenant_id, r.id, ${key} as key from survey_response r where r.round_id = $1)
       select key, null::uuid as "statementId", null::text as answer, count(*)::int as n from responses group by key
       union all
       select r.key, a.statement_id, a.answer, count(*)::int
         from responses r join survey_answer a on a.tenant_id = r.tenant_id and a.response_id = r.id
        group by r.key, a.statement_id, a.answer`,
      [results.round.id],
    );
    const groups = new Map<string, GroupAnswers<string>>();
    for (const row of rows) {
      const group = groups.get(row.key) ?? { key: row.key, responses: 0, counts: new Map<string, AnswerCounts>() };
      groups.set(row.key, group);
      if (!row.statementId || !row.answer) {
        group.responses = row.n;
        continue;
      }
      const counts = group.counts.get(row.statementId) ?? noAnswers();
      counts[row.answer] += row.n;
      group.counts.set(row.statementId, counts);
    }
    return groupsToShow([...groups.values()], results.minGroupSize).map((shown) => ({
      group: {
        kind: shown.key === null ? HealthCheckGroupKind.OTHER : (kind as HealthCheckGroupKind),
        sector: kind === 'SECTOR' && shown.key !== null ? (shown.key as Sector) : null,
        organisationId: kind === 'ORGANISATION' ? shown.key : null,
      },
      responses: shown.responses,
      suppressed: shown.suppressed,
      note: shown.suppressed
        ? `Not shown: the round has fewer than ${results.minGroupSize} responses, so a breakdown could point at individuals.`
        : null,
      barriers: shown.counts
        ? results.statements.map((s) => barrierResult(s, shown.counts!.get(s.id) ?? noAnswers(), results.countNeutral))
        : [],
    }));
  }

  /**
   * Per barrier, the survey's share beside the locality's health score in its latest
   * snapshot by the round's close (the latest while open) and its flags open then. Where
   * the engine had not scored the locality by then (it was installed later), the first
   * snapshot after the close stands in, with the flags open at that time; `healthTakenAt`
   * says which.
   */
  async perceptionGap(results: HealthCheckResultsType): Promise<HealthCheckPerceptionGapType[]> {
    type Snapshot = Record<string, number> & { taken_at: string };
    const [row] = await this.db.query<{ snapshot: Snapshot | null; flags: Record<string, number> | null }>(
      `with snapshot as (
         select h.* from health_snapshot h
          where h.subject_type = 'LOCALITY' and h.subject_id = $1
          order by h.taken_at > $2, abs(extract(epoch from h.taken_at - $2::timestamptz)), h.id desc
          limit 1
       ),
       compared as (select greatest($2::timestamptz, (select taken_at from snapshot)) as at),
       open_flags as (
         select g.barrier, count(*)::int as n from governance_flag g, compared c
          where g.locality_id = $1 and g.first_raised_at <= c.at
            and (g.resolved_at is null or g.resolved_at > c.at)
            and not (g.state = 'DISMISSED' and g.dismissed_at <= c.at)
          group by g.barrier
       )
       select (select row_to_json(snapshot) from snapshot) as snapshot,
              (select json_object_agg(barrier, n) from open_flags) as flags`,
      [results.round.localityId, results.comparedAt],
    );
    return results.barriers
      .filter((b): b is HealthCheckBarrierResultType & { barrier: Barrier } => b.barrier !== null)
      .map((b) => {
        const healthScore = row.snapshot ? (row.snapshot[b.barrier.toLowerCase()] ?? null) : null;
        const openFlags = row.flags?.[b.barrier] ?? 0;
        const input = { barrier: b.barrier, surveyShare: b.share, interval: b.interval, healthScore, openFlags };
        return {
          barrier: b.barrier,
          surveyShare: b.share,
          healthScore,
          healthTakenAt: row.snapshot ? new Date(row.snapshot.taken_at) : null,
          openFlags,
          side: perceptionSide(input) as PerceptionGapSide,
          reading: perceptionReading(input),
        };
      });
  }

  /** The locality's rounds that have opened, the latest `first`, oldest first, with each statement's share. */
  async trend(localityId: string, first: number): Promise<HealthCheckTrendPointType[]> {
    const [locality] = await this.db.query(`select id from locality where id = $1`, [localityId]);
    if (!locality) throw notFound('The locality');
    const rows = await this.db.query<RoundRow & { statements: StatementRow[] }>(
      `select x.*, (select coalesce(json_agg(s order by s.position), '[]')
                      from (select ${STATEMENT_COLUMNS},
                                   (select coalesce(jsonb_object_agg(c.answer, c.n), '{}')
                                      from (select a.answer, count(*)::int as n
                                              from survey_answer a
                                              join survey_response rs on rs.tenant_id = a.tenant_id and rs.id = a.response_id
                                             where rs.round_id = x.id and a.statement_id = st.id
                                             group by a.answer) c) as counts
                              from survey_statement st where st.instrument_id = x."instrumentId") s) as statements
         from (select ${ROUND_COLUMNS}, r.opens_on from survey_round r
                where r.locality_id = $1 and r.opens_on <= (now() at time zone 'UTC')::date
                order by r.opens_on desc, r.id desc limit $2) x
        order by x.opens_on, x.id`,
      [localityId, Math.min(first, MAX_TREND_ROUNDS)],
    );
    return rows.map((row) => ({
      round: summaryOf(row),
      provisional: row.status !== SurveyRoundStatus.CLOSED,
      responseCount: row.responseCount,
      countNeutral: row.countNeutral,
      barriers: row.statements.map((s) => barrierResult(s, countsOf(s.counts), row.countNeutral)),
    }));
  }

  /**
   * The anonymised answers as CSV: sector and answers only, sectors below the round's
   * minimum shown as OTHER (as in bySector), rows in an order that says nothing of when.
   */
  async csv(roundId: string): Promise<string> {
    const round = await this.round(roundId);
    const [data] = await this.db.query<{
      statements: { id: string; position: number; barrier: string | null }[];
      responses: { sector: string; answers: Record<string, { answer: SurveyAnswer; comment: string | null }> }[] | null;
    }>(
      `select (select json_agg(json_build_object('id', st.id, 'position', st.position, 'barrier', st.barrier))
                 from survey_statement st where st.instrument_id = $2) as statements,
              (select json_agg(json_build_object('sector', x.sector, 'answers', x.answers))
                 from (select r.sector,
                              jsonb_object_agg(a.statement_id, jsonb_build_object('answer', a.answer, 'comment', a.comment)) as answers
                         from survey_response r join survey_answer a on a.tenant_id = r.tenant_id and a.response_id = r.id
                        where r.round_id = $1
                        group by r.tenant_id, r.id, r.sector) x) as responses`,
      [round.id, round.instrumentId],
    );
    const responses = data.responses ?? [];
    const perSector = new Map<string, number>();
    for (const response of responses) perSector.set(response.sector, (perSector.get(response.sector) ?? 0) + 1);
    const shownAs = new Map<string, string>();
    const groups = [...perSector].map(([key, n]) => ({ key, responses: n, counts: new Map() }));
    for (const shown of groupsToShow(groups, round.minGroupSize)) {
      for (const member of shown.members) shownAs.set(member, shown.key ?? HealthCheckGroupKind.OTHER);
    }
    const rows: CsvResponse[] = responses.map((response) => ({
      sector: shownAs.get(response.sector) ?? HealthCheckGroupKind.OTHER,
      answers: new Map(Object.entries(response.answers)),
    }));
    return responsesCsv(data.statements ?? [], rows);
  }

  private async round(roundId: string): Promise<RoundRow> {
    const [round] = await this.db.query<RoundRow>(`select ${ROUND_COLUMNS} from survey_round r where r.id = $1`, [roundId]);
    if (!round) throw notFound('The survey round');
    return round;
  }
}
