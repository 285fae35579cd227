import { Injectable } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { badInput, notFound } from '@joinedup/errors';
import { Barrier } from '@joinedup/governance';
import { Sector } from '@joinedup/registry';
import { AnswerCounts, addCounts, differenceFromBaseline, noAnswers, weaknessShare } from './health-check-stats';
import {
  CellAnswers,
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
import { HealthCheckReason } from './health-check.errors';
import { ROUND_INVITATIONS, countInRound } from './health-check.loaders';
import { PUBLISHING_LOCK, PublishedFigures, publishedFiguresOf, publishedGap } from './round-publication';
import { perceptionReading, perceptionSide, recordsShare } from './perception-gap';
import { CsvResponse, responsesCsv } from './results-csv';
import { ResponseCell, disclosure, withheld, withheldNote } from './results-disclosure';
import { SurveyAnswer } from './survey-answer';
import { SURVEY_TODAY, SurveyRoundStatus, linksExpireAt, roundStatusSql } from './survey-round-status';

/** A trend shows at most this many rounds: the latest. */
export const MAX_TREND_ROUNDS = 20;

const ROUND_COLUMNS = `r.id, r.locality_id as "localityId", r.programme_id as "programmeId", r.title,
  r.opens_on::text as "opensOn", r.closes_on::text as "closesOn", ${roundStatusSql('r')} as status,
  r.count_neutral as "countNeutral", r.min_group_size as "minGroupSize", r.instrument_id as "instrumentId",
  least(now(), coalesce(r.closed_at, ${linksExpireAt('r.closes_on')})) as "comparedAt",
  (select count(*) from survey_response s where s.tenant_id = r.tenant_id and s.round_id = r.id)::int as "responseCount",
  (select count(*) from survey_response_pool p where p.tenant_id = r.tenant_id and p.round_id = r.id)::int as "pooledCount"`;

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
  /** Answers taken but not yet settled into survey_response. */
  pooledCount: number;
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

const otherGroup = (): HealthCheckGroupResultType['group'] => ({ kind: HealthCheckGroupKind.OTHER, sector: null, organisationId: null });

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

/** A locality as the subject of its latest round: its rounds of the whole locality (programme_id null). `id`: a uuid expression. */
export const localitySubject = (id: string): string => `select l.id as locality_id, null::uuid as programme_id from locality l where l.id = ${id}`;
/** A programme as the subject of its latest round: its own rounds. */
export const programmeSubject = (id: string): string => `select p.locality_id, p.id as programme_id from programme p where p.id = ${id}`;

/** The rounds `r` of the subject row `s` (locality_id, programme_id) that have opened; LATEST_ROUND_ORDER puts its latest first. */
export const subjectRounds = (r: string, s: string): string =>
  `${r}.locality_id = ${s}.locality_id and ${r}.programme_id is not distinct from ${s}.programme_id and ${r}.opens_on <= ${SURVEY_TODAY}`;
export const LATEST_ROUND_ORDER = (r: string): string => `${r}.opens_on desc, ${r}.id desc`;

/**
 * Whose rounds a latest round is chosen from, as one row (locality_id, programme_id): a
 * locality's rounds of the whole locality (programme_id null), or one programme's.
 */
function roundSubject(of: { localityId: string | null; programmeId: string | null }): { sql: string; id: string; name: string } {
  if (of.localityId && !of.programmeId) return { sql: localitySubject('$1'), id: of.localityId, name: 'The locality' };
  if (of.programmeId && !of.localityId) return { sql: programmeSubject('$1'), id: of.programmeId, name: 'The programme' };
  throw badInput(
    'Give exactly one of localityId (the rounds of the whole locality) and programmeId (the rounds of one programme).',
    of.localityId ? 'programmeId' : 'localityId',
    HealthCheckReason.LOCALITY_OR_PROGRAMME,
  );
}

const countsOf = (json: CountsJson | null | undefined) => addCounts(noAnswers(), json ?? {});


function summed(cells: CellAnswers[]): { responses: number; counts: Map<string, AnswerCounts> } {
  const counts = new Map<string, AnswerCounts>();
  for (const cell of cells) {
    for (const [statementId, answers] of cell.counts) counts.set(statementId, addCounts(counts.get(statementId) ?? noAnswers(), answers));
  }
  return { responses: cells.reduce((sum, cell) => sum + cell.responses, 0), counts };
}

/**
 * Results of health-check rounds: shares reporting each weakness with their intervals,
 * against the 2007 baseline, by group (never a group smaller than the round's minimum,
 * even by subtraction), against the share of programmes the governance engine flags,
 * across rounds, and as an anonymous CSV. Figures are published at the close and only
 * from the minimum up (`withheld`); before that a round shows its counts only.
 * Each is one or two set-based statements under the tenant's RLS; another tenant's round
 * is simply not there (NOT_FOUND).
 */
@Injectable()
export class HealthCheckResultsService {
  constructor(private readonly db: TenantDb) {}

  async results(roundId: string): Promise<HealthCheckResultsType> {
    return this.resultsOf(await this.round(roundId));
  }

  /**
   * The results of the latest round that has opened of exactly one locality (its rounds of
   * the whole locality) or programme (its own rounds); null before the first. A locality or
   * programme the caller cannot see (another tenant's) is NOT_FOUND.
   */
  async latestResults(of: { localityId: string | null; programmeId: string | null }): Promise<HealthCheckResultsType | null> {
    const subject = roundSubject(of);
    const [row] = await this.db.query<RoundRow & { found: boolean }>(
      `select s.locality_id is not null as found, x.* from (select 1) one
         left join (${subject.sql}) s on true
         left join lateral (select ${ROUND_COLUMNS} from survey_round r where ${subjectRounds('r', 's')}
                             order by ${LATEST_ROUND_ORDER('r')} limit 1) x on true`,
      [subject.id],
    );
    if (!row?.found) throw notFound(subject.name);
    return row.id ? this.resultsOf(row) : null;
  }

  private async resultsOf(round: RoundRow): Promise<HealthCheckResultsType> {
    const why = withheld(round.status, round.responseCount, round.minGroupSize, round.pooledCount);
    const [read] = await this.db.query<{ invited: number; statements: StatementAnswers[]; published: PublishedFigures | null }>(
      `select ${countInRound(ROUND_INVITATIONS, '$1')} as invited,
              (select coalesce(json_agg(s order by s.position), '[]') from (select ${STATEMENT_COLUMNS} from survey_statement st
                where st.instrument_id = $2) s) as statements,
              ${publishedFiguresOf('$1')} as published`,
      [round.id, round.instrumentId],
    );
    const common = { round: summaryOf(round), invitedCount: read.invited, instrumentId: round.instrumentId, statements: read.statements, comparedAt: round.comparedAt };
    // A published round answers from its publication, as its compiled read does: once
    // published, its figures are what was published, whatever is read later.
    if (read.published) {
      const figures = read.published;
      return {
        ...common,
        provisional: false,
        suppressed: false,
        note: null,
        responseCount: figures.responseCount,
        countNeutral: figures.countNeutral,
        minGroupSize: figures.minGroupSize,
        barriers: figures.barriers,
        withheld: null,
        cells: [],
        published: figures,
      };
    }
    // The totals, both breakdowns and the gap of one reading come from one read of the
    // answers, so that no answer stored meanwhile shows as a difference between them.
    const cells = why ? [] : await this.cellAnswers(round.id);
    const total = summed(cells);
    return {
      ...common,
      provisional: round.status !== SurveyRoundStatus.CLOSED,
      suppressed: why !== null,
      note: withheldNote(why, round.minGroupSize),
      responseCount: why ? round.responseCount + round.pooledCount : total.responses,
      countNeutral: round.countNeutral,
      minGroupSize: round.minGroupSize,
      barriers: why ? [] : read.statements.map((s) => barrierResult(s, total.counts.get(s.id) ?? noAnswers(), round.countNeutral)),
      withheld: why,
      cells,
      published: null,
    };
  }

  /**
   * Publishes a final round's figures once, computed as its results are computed (the one
   * definition): when it is closed, its answers settled, at least its minimum group of
   * responses in, and the engine has scanned its locality (so that the perception gap's
   * records are fixed). Returns whether this call wrote them; a round not final yet, or
   * published already (by another worker too), is left as it is.
   */
  async publish(roundId: string): Promise<boolean> {
    await this.db.query(PUBLISHING_LOCK('$1'), [roundId]);
    const results = await this.results(roundId);
    if (results.published || results.withheld) return false;
    const perceptionGap = await this.perceptionGap(results);
    if (perceptionGap.some((gap) => gap.recordsAt === null)) return false;
    const figures: PublishedFigures = {
      responseCount: results.responseCount,
      countNeutral: results.countNeutral,
      minGroupSize: results.minGroupSize,
      barriers: results.barriers,
      perceptionGap: perceptionGap.map((gap) => ({ ...gap, recordsAt: gap.recordsAt!.toISOString() })),
      bySector: await this.byGroup(results, 'SECTOR'),
      byOrganisation: await this.byGroup(results, 'ORGANISATION'),
    };
    const written = await this.db.query(
      `insert into survey_round_publication (tenant_id, round_id, figures)
       select r.tenant_id, r.id, $2::json from survey_round r where r.id = $1
       on conflict do nothing returning 1`,
      [results.round.id, JSON.stringify(figures)],
    );
    return written.length > 0;
  }

  /**
   * The round's results by sector or by organisation, as `disclosure` allows: no group
   * below the minimum, even by subtraction across the two breakdowns and the CSV. While
   * the figures are withheld, one suppressed "other" group says why.
   */
  async byGroup(results: HealthCheckResultsType, kind: 'SECTOR' | 'ORGANISATION'): Promise<HealthCheckGroupResultType[]> {
    if (results.published) return kind === 'SECTOR' ? results.published.bySector : results.published.byOrganisation;
    if (results.withheld) {
      return [{ group: otherGroup(), responses: null, suppressed: true, note: results.note, barriers: [] }];
    }
    const cells = results.cells;
    const shown = disclosure(cells, results.minGroupSize);
    const groups: { group: HealthCheckGroupResultType['group']; cells: CellAnswers[] }[] = [];
    if (kind === 'SECTOR') {
      for (const g of shown.sectorGroups) {
        groups.push({
          group: g.sector === null ? otherGroup() : { kind: HealthCheckGroupKind.SECTOR, sector: g.sector as Sector, organisationId: null },
          cells: cells.filter((cell) => g.sectors.includes(cell.sector)),
        });
      }
    } else {
      const apart = new Set(shown.organisations.map((o) => o.organisation));
      for (const o of shown.organisations) {
        groups.push({
          group: { kind: HealthCheckGroupKind.ORGANISATION, sector: null, organisationId: o.organisation },
          cells: cells.filter((cell) => cell.organisation === o.organisation),
        });
      }
      if (shown.otherOrganisations) groups.push({ group: otherGroup(), cells: cells.filter((cell) => !apart.has(cell.organisation)) });
    }
    return groups.map(({ group, cells: inGroup }) => {
      const { responses, counts } = summed(inGroup);
      return {
        group,
        responses,
        suppressed: false,
        note: null,
        barriers: results.statements.map((s) => barrierResult(s, counts.get(s.id) ?? noAnswers(), results.countNeutral)),
      };
    });
  }

  /** Responses and answer counts per organisation and sector: one statement. */
  private async cellAnswers(roundId: string): Promise<CellAnswers[]> {
    const rows = await this.db.query<{ organisation: string; sector: string; statementId: string | null; answer: SurveyAnswer | null; n: number }>(
      `with responses as (select r.tenant_id, r.id, r.organisation_id::text as organisation, r.sector from survey_response r where r.round_id = $1)
       select organisation, sector, null::uuid as "statementId", null::text as answer, count(*)::int as n from responses group by organisation, sector
       union all
       select r.organisation, r.sector, a.statement_id, a.answer, count(*)::int
         from responses r join survey_answer a on a.tenant_id = r.tenant_id and a.response_id = r.id
        group by r.organisation, r.sector, a.statement_id, a.answer`,
      [roundId],
    );
    const cells = new Map<string, CellAnswers>();
    for (const row of rows) {
      const key = `${row.organisation} ${row.sector}`;
      const cell = cells.get(key) ?? { organisation: row.organisation, sector: row.sector, responses: 0, counts: new Map() };
      cells.set(key, cell);
      if (!row.statementId || !row.answer) {
        cell.responses = row.n;
        continue;
      }
      const counts = cell.counts.get(row.statementId) ?? noAnswers();
      counts[row.answer] += row.n;
      cell.counts.set(row.statementId, counts);
    }
    return [...cells.values()];
  }

  /**
   * Per barrier, the survey's share beside the records' share on the same scale: of the
   * programmes compared (the round's programme, or the locality's active programmes made
   * by then), those with a flag of the barrier open at the round's close (raised by then,
   * not resolved or dismissed by then). Where the engine had not scanned the locality by
   * the close (it was installed later), its first scan after stands in: its flags are what
   * the records say of that time. Empty while the figures are withheld.
   */
  async perceptionGap(results: HealthCheckResultsType): Promise<HealthCheckPerceptionGapType[]> {
    if (results.published) return publishedGap(results.published);
    if (results.withheld) return [];
    const [row] = await this.db.query<{
      at: Date | null;
      programmes: number;
      flags: Record<string, number> | null;
      flagged: Record<string, number> | null;
    }>(
      `with scanned as (
         select coalesce(
           (select max(h.taken_at) from health_snapshot h where h.subject_type = 'LOCALITY' and h.subject_id = $1 and h.taken_at <= $2),
           (select min(h.taken_at) from health_snapshot h where h.subject_type = 'LOCALITY' and h.subject_id = $1 and h.taken_at > $2)
         ) as taken_at
       ),
       compared as (select case when s.taken_at is null then null else greatest($2::timestamptz, s.taken_at) end as at from scanned s),
       programmes as (
         select p.id from programme p, compared c
          where p.locality_id = $1
            and (p.id = $3::uuid or ($3::uuid is null and p.status = 'ACTIVE' and p.created_at <= c.at))
       ),
       open_flags as (
         select g.barrier, g.programme_id from governance_flag g, compared c
          where g.locality_id = $1 and g.first_raised_at <= c.at
            and (g.resolved_at is null or g.resolved_at > c.at)
            and not (g.state = 'DISMISSED' and g.dismissed_at <= c.at)
       )
       select (select at from compared) as at,
              (select count(*) from programmes)::int as programmes,
              (select json_object_agg(barrier, n) from (select barrier, count(*)::int as n from open_flags group by barrier) f) as flags,
              (select json_object_agg(barrier, n)
                 from (select f.barrier, count(distinct f.programme_id)::int as n
                         from open_flags f join programmes p on p.id = f.programme_id group by f.barrier) p) as flagged`,
      [results.round.localityId, results.comparedAt, results.round.programmeId],
    );
    return results.barriers
      .filter((b): b is HealthCheckBarrierResultType & { barrier: Barrier } => b.barrier !== null)
      .map((b) => {
        const input = {
          barrier: b.barrier,
          surveyShare: b.share,
          interval: b.interval,
          programmes: row.at === null ? null : row.programmes,
          flaggedProgrammes: row.flagged?.[b.barrier] ?? 0,
        };
        return {
          barrier: b.barrier,
          surveyShare: b.share,
          recordsShare: recordsShare(input),
          programmes: input.programmes,
          flaggedProgrammes: input.flaggedProgrammes,
          openFlags: row.flags?.[b.barrier] ?? 0,
          recordsAt: row.at === null ? null : new Date(row.at),
          side: perceptionSide(input) as PerceptionGapSide,
          reading: perceptionReading(input),
        };
      });
  }

  /** The locality's rounds that have opened, the latest `first`, oldest first, with each statement's share where shown. */
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
    return rows.map((row) => {
      const why = withheld(row.status, row.responseCount, row.minGroupSize, row.pooledCount);
      return {
        round: summaryOf(row),
        provisional: row.status !== SurveyRoundStatus.CLOSED,
        suppressed: why !== null,
        note: withheldNote(why, row.minGroupSize),
        responseCount: row.responseCount + row.pooledCount,
        countNeutral: row.countNeutral,
        barriers: why ? [] : row.statements.map((s) => barrierResult(s, countsOf(s.counts), row.countNeutral)),
      };
    });
  }

  /**
   * The anonymised answers as CSV: sector and answers only, each row under its group of
   * the sector breakdown (OTHER for the rest, as in bySector), rows in an order that says
   * nothing of when. The header only while the figures are withheld.
   */
  async csv(roundId: string): Promise<string> {
    const round = await this.round(roundId);
    const why = withheld(round.status, round.responseCount, round.minGroupSize, round.pooledCount);
    const [data] = await this.db.query<{
      statements: { id: string; position: number; barrier: string | null }[];
      responses: { organisation: string; sector: string; answers: Record<string, { answer: SurveyAnswer; comment: string | null }> }[] | null;
    }>(
      `select (select json_agg(json_build_object('id', st.id, 'position', st.position, 'barrier', st.barrier))
                 from survey_statement st where st.instrument_id = $2) as statements,
              (select json_agg(json_build_object('organisation', x.organisation_id, 'sector', x.sector, 'answers', x.answers))
                 from (select r.organisation_id, r.sector,
                              jsonb_object_agg(a.statement_id, jsonb_build_object('answer', a.answer, 'comment', a.comment)) as answers
                         from survey_response r join survey_answer a on a.tenant_id = r.tenant_id and a.response_id = r.id
                        where r.round_id = $1 and $3
                        group by r.tenant_id, r.id, r.organisation_id, r.sector) x) as responses`,
      [round.id, round.instrumentId, why === null],
    );
    const responses = data.responses ?? [];
    const cells = new Map<string, ResponseCell>();
    for (const response of responses) {
      const key = `${response.organisation} ${response.sector}`;
      const cell = cells.get(key) ?? { organisation: response.organisation, sector: response.sector, responses: 0 };
      cell.responses++;
      cells.set(key, cell);
    }
    const shownAs = new Map<string, string>();
    for (const group of disclosure([...cells.values()], round.minGroupSize).sectorGroups) {
      for (const sector of group.sectors) shownAs.set(sector, group.sector ?? HealthCheckGroupKind.OTHER);
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
