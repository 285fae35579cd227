import { Barrier } from '@joinedup/governance';
import { SurveyRoundStatus, roundStatusSql } from './survey-round-status';
import { SurveyRoundType, SurveyStatementType } from './survey-round.types';

/** A round as read over `survey_round s`. */
export interface RoundRow {
  id: string;
  locality_id: string;
  programme_id: string | null;
  instrument_id: string;
  title: string;
  opens_on: string;
  closes_on: string;
  status: SurveyRoundStatus;
  count_neutral: boolean;
  min_group_size: number;
}
export const ROUND_COLUMNS = [
  's.id',
  's.locality_id',
  's.programme_id',
  's.instrument_id',
  's.title',
  's.opens_on',
  's.closes_on',
  `${roundStatusSql('s')} as status`,
  's.count_neutral',
  's.min_group_size',
].join(', ');
export const toRound = (r: RoundRow): SurveyRoundType => ({
  id: r.id,
  localityId: r.locality_id,
  programmeId: r.programme_id,
  instrumentId: r.instrument_id,
  title: r.title,
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  status: r.status,
  countNeutral: r.count_neutral,
  minGroupSize: r.min_group_size,
});

/** A statement as read over `survey_statement st`. */
export interface StatementRow {
  id: string;
  instrument_id: string;
  position: number;
  barrier: Barrier | null;
  text: string;
  baseline_share: number | null;
  baseline_label: string | null;
}

/** A statement's baseline as a number (a Float in GraphQL: float8 writes 0.47, not numeric's 0.470). */
export const baselineShareSql = (st: string) => `${st}.baseline_share::float8`;

/**
 * How to show a statement's baseline: the 2007 report gives most as whole percentages; the
 * odd one ("> 1/3") is stored. Rounds half up, as Math.round does.
 */
export const baselineLabelSql = (st: string) =>
  `coalesce(${st}.baseline_label, floor(${baselineShareSql(st)} * 100 + 0.5)::int || ' %')`;

/**
 * Statements as they are read (StatementRow): each with its baseline as shown. Both the
 * compiled read and the executed one (DescribedLoaders, the service) read statements from
 * here (statementsOf); PostgreSQL flattens the subquery.
 */
export const STATEMENTS = `(select st.tenant_id, st.id, st.instrument_id, st.position, st.barrier, st.text,
  ${baselineShareSql('st')} as baseline_share, ${baselineLabelSql('st')} as baseline_label from survey_statement st)`;
export const toStatement = (r: StatementRow): SurveyStatementType => ({
  id: r.id,
  position: r.position,
  barrier: r.barrier,
  text: r.text,
  baselineShare: r.baseline_share,
  baselineLabel: r.baseline_label,
});

/** The statements `st` (rows of STATEMENTS) of the instruments `instruments` (a uuid[] expression), read in STATEMENT_ORDER. */
export const statementsOf = (instruments: string, st: string) => `from ${STATEMENTS} ${st} where ${st}.instrument_id = any(${instruments})`;
export const STATEMENT_ORDER = (st: string) => `${st}.position`;
