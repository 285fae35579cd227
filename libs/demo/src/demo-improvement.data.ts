import { ImprovementActionStatus, MeasureDirection } from '@joinedup/improvement';
import { DemoPersonRef } from './demo-people.data';

/**
 * Demo measures, completed reviews and improvement actions. Cost of Living Support reviews
 * on time with a mixed trend; Healthy Ageing's next review is overdue with overdue
 * actions; Safer Streets reviews without any measures; Winter Resilience closed with its
 * monthly reviews and its scheduled review cancelled. Dates are day offsets from the day
 * of seeding. A measure is found again by its programme and name; reviews (and their
 * values and actions) are written only for a programme that has completed none yet.
 */
export interface DemoMeasure {
  name: string;
  unit: string;
  baseline: number | null;
  target: number;
  direction: MeasureDirection;
  createdOn: number;
  retiredOn?: number;
}

export interface DemoAction {
  description: string;
  /** A person of an organisation taking part in the programme. */
  owner: DemoPersonRef;
  dueOn: number;
  status: ImprovementActionStatus;
  /** The day it was done or dropped. */
  closedOn?: number;
  note?: string;
}

export interface DemoReview {
  /** The programme's cadence after it was activated (the first) or after the review before. */
  dueOn: number;
  completedOn: number;
  periodStart: number;
  periodEnd: number;
  effectivenessRating: number;
  efficiencyRating: number;
  findings: string;
  /** The value of every measure active when the review was completed, by measure name. */
  values: Record<string, number>;
  /** Raised the day the review was completed. */
  actions: DemoAction[];
}

export interface DemoImprovement {
  /** The name of a demo programme. */
  programme: string;
  measures: DemoMeasure[];
  /** Oldest first. */
  reviews: DemoReview[];
  /** The review after the last: scheduled, or cancelled when the programme closed. */
  next: { dueOn: number; cancelledOn?: number };
}

const { HIGHER_IS_BETTER, LOWER_IS_BETTER } = MeasureDirection;
const { OPEN, DONE, DROPPED } = ImprovementActionStatus;

const FALLS = 'Falls-related emergency admissions (65 and over)';
const PRESCRIBING = 'Older people supported by social prescribing';
const CARERS = "Carers' assessments completed within 28 days";
const CLASSES = 'Falls prevention class places filled';

const DEBT_ADVICE = 'Households given debt advice';
const WARM_SPACES = 'Warm spaces open each week';
const WAIT = 'Days to a first advice appointment';

const COLD_ADMISSIONS = 'Over-65s admitted with cold-related illness';
const WARM_PACKS = 'Warm packs delivered';

export const DEMO_IMPROVEMENT: readonly DemoImprovement[] = [
  {
    programme: 'Healthy Ageing',
    measures: [
      { name: FALLS, unit: 'admissions per month', baseline: 140, target: 110, direction: LOWER_IS_BETTER, createdOn: -290 },
      { name: PRESCRIBING, unit: 'people per quarter', baseline: 200, target: 320, direction: HIGHER_IS_BETTER, createdOn: -290 },
      { name: CARERS, unit: '%', baseline: 55, target: 80, direction: HIGHER_IS_BETTER, createdOn: -290 },
      { name: CLASSES, unit: '%', baseline: 60, target: 85, direction: HIGHER_IS_BETTER, createdOn: -290, retiredOn: -125 },
    ],
    reviews: [
      {
        dueOn: -210,
        completedOn: -209,
        periodStart: -300,
        periodEnd: -211,
        effectivenessRating: 3,
        efficiencyRating: 3,
        findings: 'A good start on falls, but social prescribing is short of link workers and carers wait too long for assessments.',
        values: { [FALLS]: 132, [PRESCRIBING]: 240, [CARERS]: 61, [CLASSES]: 78 },
        actions: [
          {
            description: 'Agree one falls risk screening tool with the GP practices',
            owner: { organisation: 'gateshead-health', slot: 0 },
            dueOn: -170,
            status: DONE,
            closedOn: -175,
          },
          {
            description: 'Recruit two more social prescribing link workers through Connected Voice',
            owner: { organisation: 'connected-voice', slot: 1 },
            dueOn: -120,
            status: OPEN,
          },
        ],
      },
      {
        dueOn: -119,
        completedOn: -115,
        periodStart: -210,
        periodEnd: -116,
        effectivenessRating: 3,
        efficiencyRating: 2,
        findings:
          'Falls admissions and social prescribing are moving the right way; carers’ assessments have slipped back. ' +
          'Class places were retired as a measure: admissions show the outcome.',
        values: { [FALLS]: 118, [PRESCRIBING]: 290, [CARERS]: 58 },
        actions: [
          {
            description: "Publish carers' assessment waiting times every month",
            owner: { organisation: 'gateshead-council', slot: 1 },
            dueOn: -60,
            status: OPEN,
          },
          {
            description: 'Extend the falls prevention classes to Birtley and Low Fell',
            owner: { organisation: 'age-uk-gateshead', slot: 1 },
            dueOn: -30,
            status: DROPPED,
            closedOn: -50,
            note: 'The venue funding was withdrawn.',
          },
          {
            description: 'Send the falls service a daily list of patients discharged after a fall',
            owner: { organisation: 'gateshead-health', slot: 1 },
            dueOn: 20,
            status: OPEN,
          },
        ],
      },
    ],
    next: { dueOn: -25 },
  },
  {
    programme: 'Cost of Living Support',
    measures: [
      { name: DEBT_ADVICE, unit: 'households per quarter', baseline: 380, target: 450, direction: HIGHER_IS_BETTER, createdOn: -415 },
      { name: WARM_SPACES, unit: 'warm spaces', baseline: 12, target: 20, direction: HIGHER_IS_BETTER, createdOn: -415 },
      { name: WAIT, unit: 'days', baseline: 18, target: 10, direction: LOWER_IS_BETTER, createdOn: -415 },
    ],
    reviews: [
      {
        dueOn: -330,
        completedOn: -331,
        periodStart: -420,
        periodEnd: -332,
        effectivenessRating: 3,
        efficiencyRating: 3,
        findings: 'Demand is above what the advice agencies can see in time; too few warm spaces outside the city centre.',
        values: { [DEBT_ADVICE]: 395, [WARM_SPACES]: 14, [WAIT]: 16 },
        actions: [
          {
            description: 'Open warm spaces in the four branch libraries',
            owner: { organisation: 'sunderland-council', slot: 2 },
            dueOn: -290,
            status: DONE,
            closedOn: -300,
          },
        ],
      },
      {
        dueOn: -241,
        completedOn: -242,
        periodStart: -331,
        periodEnd: -243,
        effectivenessRating: 4,
        efficiencyRating: 3,
        findings: 'Warm spaces met their target; the agencies still ask households the same questions three times.',
        values: { [DEBT_ADVICE]: 430, [WARM_SPACES]: 22, [WAIT]: 13 },
        actions: [
          {
            description: 'One referral form for every advice agency',
            owner: { organisation: 'ca-sunderland', slot: 1 },
            dueOn: -200,
            status: DONE,
            closedOn: -205,
          },
        ],
      },
      {
        dueOn: -152,
        completedOn: -153,
        periodStart: -242,
        periodEnd: -154,
        effectivenessRating: 4,
        efficiencyRating: 4,
        findings: 'The shared referral form cut waiting times; debt advice is now on target.',
        values: { [DEBT_ADVICE]: 462, [WARM_SPACES]: 21, [WAIT]: 11 },
        actions: [
          {
            description: 'Add Saturday advice sessions in Pallion',
            owner: { organisation: 'age-uk-sunderland', slot: 1 },
            dueOn: -100,
            status: DONE,
            closedOn: -110,
          },
        ],
      },
      {
        dueOn: -63,
        completedOn: -64,
        periodStart: -153,
        periodEnd: -65,
        effectivenessRating: 4,
        efficiencyRating: 4,
        findings: 'Advice is quicker than ever, but two warm spaces closed when their volunteers left.',
        values: { [DEBT_ADVICE]: 471, [WARM_SPACES]: 18, [WAIT]: 9 },
        actions: [
          {
            description: 'Keep the winter warm spaces open until April with volunteers from the alliance',
            owner: { organisation: 'svsa', slot: 1 },
            dueOn: 30,
            status: OPEN,
          },
        ],
      },
    ],
    next: { dueOn: 26 },
  },
  {
    programme: 'Safer Streets',
    measures: [],
    reviews: [
      {
        dueOn: -140,
        completedOn: -139,
        periodStart: -200,
        periodEnd: -140,
        effectivenessRating: 2,
        efficiencyRating: 3,
        findings: 'The programme has no agreed measures, so the board cannot tell whether patrols and youth work reduce harm.',
        values: {},
        actions: [
          {
            description: 'Agree three measures of anti-social behaviour and violence with the police analysts',
            owner: { organisation: 'northumbria-police', slot: 0 },
            dueOn: -110,
            status: OPEN,
          },
        ],
      },
      {
        dueOn: -79,
        completedOn: -80,
        periodStart: -139,
        periodEnd: -81,
        effectivenessRating: 3,
        efficiencyRating: 3,
        findings: 'Joint patrols are well attended; still no measures, so the review relies on anecdote.',
        values: {},
        actions: [],
      },
      {
        dueOn: -20,
        completedOn: -21,
        periodStart: -80,
        periodEnd: -22,
        effectivenessRating: 3,
        efficiencyRating: 3,
        findings: 'Hendon residents report feeling safer; the city centre less so since the youth sessions moved.',
        values: {},
        actions: [
          {
            description: 'Publish a joint tasking log for Hendon and the city centre',
            owner: { organisation: 'sunderland-council', slot: 2 },
            dueOn: 15,
            status: OPEN,
          },
        ],
      },
    ],
    next: { dueOn: 39 },
  },
  {
    programme: 'Winter Resilience',
    measures: [
      { name: COLD_ADMISSIONS, unit: 'admissions per month', baseline: 45, target: 35, direction: LOWER_IS_BETTER, createdOn: -418 },
      { name: WARM_PACKS, unit: 'packs per month', baseline: 150, target: 400, direction: HIGHER_IS_BETTER, createdOn: -418 },
    ],
    reviews: [
      monthly(-390, -390, [3, 3], { [COLD_ADMISSIONS]: 44, [WARM_PACKS]: 260 }, 'Warm packs are slow to reach people at home.', [
        {
          description: 'Add a second warm-pack collection point in Felling',
          owner: { organisation: 'gateshead-foodbank', slot: 0 },
          dueOn: -360,
          status: DONE,
          closedOn: -372,
        },
      ]),
      monthly(-360, -358, [4, 3], { [COLD_ADMISSIONS]: 39, [WARM_PACKS]: 380 }, 'The Felling collection point doubled deliveries.'),
      monthly(-328, -329, [4, 4], { [COLD_ADMISSIONS]: 35, [WARM_PACKS]: 420 }, 'Both measures met for the first time.'),
      monthly(-299, -299, [4, 4], { [COLD_ADMISSIONS]: 33, [WARM_PACKS]: 455 }, 'The cold snap passed without a rise in admissions.'),
      monthly(-269, -270, [4, 3], { [COLD_ADMISSIONS]: 34, [WARM_PACKS]: 410 }, 'Deliveries fell as volunteers went back to work.', [
        {
          description: 'Write up the lessons of the winter for next year’s plan',
          owner: { organisation: 'gateshead-council', slot: 1 },
          dueOn: -245,
          status: DONE,
          closedOn: -242,
        },
      ]),
    ],
    // The programme closed at the end of the winter, cancelling the review it had scheduled.
    next: { dueOn: -240, cancelledOn: -240 },
  },
];

/** A review of a monthly programme, covering the month before its completion; ratings are [effectiveness, efficiency]. */
function monthly(
  dueOn: number,
  completedOn: number,
  [effectivenessRating, efficiencyRating]: [number, number],
  values: Record<string, number>,
  findings: string,
  actions: DemoAction[] = [],
): DemoReview {
  const periodStart = completedOn - 30;
  return { dueOn, completedOn, periodStart, periodEnd: completedOn - 1, effectivenessRating, efficiencyRating, findings, values, actions };
}
