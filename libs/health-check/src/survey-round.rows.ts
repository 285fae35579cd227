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
  baseline_share: string | null;
  baseline_label: string | null;
}
export const STATEMENT_COLUMNS = 'st.id, st.instrument_id, st.position, st.barrier, st.text, st.baseline_share, st.baseline_label';
export const toStatement = (r: StatementRow): SurveyStatementType => {
  const share = r.baseline_share === null ? null : Number(r.baseline_share);
  return {
    id: r.id,
    position: r.position,
    barrier: r.barrier,
    text: r.text,
    baselineShare: share,
    // The 2007 report gives most baselines as whole percentages; the odd one ("> 1/3") is stored.
    baselineLabel: r.baseline_label ?? (share === null ? null : `${Math.round(share * 100)} %`),
  };
};
