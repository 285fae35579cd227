import { HealthCheckBarrierResultType, HealthCheckGroupResultType, HealthCheckPerceptionGapType } from './health-check-results.types';

/**
 * What a final round publishes, stored once in survey_round_publication.figures (json):
 * exactly the figures its results show, in their GraphQL shape, and nothing of the cells
 * they are computed from. Groups name organisations by id (their names stay live);
 * `recordsAt` is the ISO text JSON.stringify writes for a Date, as GraphQL's DateTime does.
 */
export interface PublishedFigures {
  responseCount: number;
  countNeutral: boolean;
  minGroupSize: number;
  barriers: HealthCheckBarrierResultType[];
  perceptionGap: (Omit<HealthCheckPerceptionGapType, 'recordsAt'> & { recordsAt: string | null })[];
  bySector: HealthCheckGroupResultType[];
  byOrganisation: HealthCheckGroupResultType[];
}

/** The publication of the round whose id `round` (a uuid expression) gives, as SQL: its figures, or null. */
export const publishedFiguresOf = (round: string): string =>
  `(select p.figures from survey_round_publication p where p.round_id = ${round})`;

/** The perception gap as the results type gives it (a Date, not the stored text). */
export const publishedGap = (figures: PublishedFigures): HealthCheckPerceptionGapType[] =>
  figures.perceptionGap.map((gap) => ({ ...gap, recordsAt: gap.recordsAt === null ? null : new Date(gap.recordsAt) }));

/**
 * The lock an answer (new or changed) holds on its round's row from the check that the round
 * is open until its transaction ends: a round that closes meanwhile (by a coordinator, whose
 * update waits for it, or by date) is published only after it (PUBLISHING_LOCK waits too), so
 * the answer is in the pool then, and the round is not final until it is settled. Without it
 * an answer checked just before the close and pooled just after would be missing from the
 * published figures but in the CSV: the difference of the two would show it alone.
 */
export const ANSWER_IN_FLIGHT = 'for share';

/** Taken before a round's finality is judged for its publication: waits for answers in flight. */
export const PUBLISHING_LOCK = (round: string): string => `select 1 from survey_round r where r.id = ${round} for update`;
