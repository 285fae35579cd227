import { GATESHEAD, SUNDERLAND } from './demo-partnership.data';

/** A closed health-check round of a locality, answered by most of its member bodies' people. */
export interface DemoSurveyRound {
  locality: string;
  title: string;
  /** Day offsets from the demo's now. */
  opensOn: number;
  closesOn: number;
  /**
   * Share of answers that report each barrier's weakness (DISAGREE or STRONGLY_DISAGREE),
   * by statement position 1–7 (flexibility, recognition, communication, conflict
   * resolution, role fit, leadership, continuous improvement).
   */
  weakness: readonly number[];
}

export const DEMO_SURVEY_ROUNDS: readonly DemoSurveyRound[] = [
  {
    // Roughly the 2007 north-east findings.
    locality: GATESHEAD,
    title: 'Partnership health check, autumn',
    opensOn: -45,
    closesOn: -15,
    weakness: [0.47, 0.35, 0.44, 0.61, 0.45, 0.34, 0.35],
  },
  {
    // Clearly better than 2007 on every barrier.
    locality: SUNDERLAND,
    title: 'Partnership health check, autumn',
    opensOn: -45,
    closesOn: -15,
    weakness: [0.2, 0.15, 0.18, 0.25, 0.2, 0.12, 0.15],
  },
];

/** Of the people invited, those whose name hash is not divisible by this many answer (three in four). */
export const NON_RESPONSE_EVERY = 4;
