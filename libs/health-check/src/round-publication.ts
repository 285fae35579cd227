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
