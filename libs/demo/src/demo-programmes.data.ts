import {
  AgreementRule,
  AgreementRuleKind,
  EndorsementPosition,
  NominationStatus,
  ProgrammeStatus,
  ReconfirmationOutcome,
} from '@joinedup/programmes';
import { GATESHEAD, SUNDERLAND } from './demo-partnership.data';
import { DemoPersonRef } from './demo-people.data';

/**
 * Demo programmes in the states of leadership agreement a partnership goes through. Dates
 * are day offsets from the day of seeding (negative is in the past), so a fresh demo
 * tenant is never stale; a re-run leaves existing records as they were.
 */
export interface DemoEndorsement {
  organisation: string;
  position: EndorsementPosition;
  comment?: string;
  /** Days after the nomination. */
  after: number;
}

/**
 * A re-confirmation of the agreed leader, decided by its last endorsement: RECONFIRMED
 * when that met the programme's rule (reconfirmBy then moves on by the leader term), or
 * NOT_RECONFIRMED when it put the rule out of reach (the leader stays, still due).
 */
export interface DemoReconfirmation {
  nominatedOn: number;
  outcome: ReconfirmationOutcome;
  endorsements: DemoEndorsement[];
}

export interface DemoNomination {
  /** A person of a participating organisation. */
  leader: DemoPersonRef;
  nominatedOn: number;
  /** AGREED: the last endorsement met the programme's rule, and the person became its leader. */
  status: NominationStatus.OPEN | NominationStatus.AGREED;
  steppedDown?: { on: number; reason: string };
  endorsements: DemoEndorsement[];
  /** Only for an AGREED nomination whose leader is still in post. */
  reconfirmation?: DemoReconfirmation;
}

export interface DemoProgramme {
  locality: string;
  name: string;
  purpose: string;
  status: ProgrammeStatus;
  startsOn: number;
  endsOn?: number;
  reviewCadenceDays: number;
  leaderTermMonths: number;
  rule: AgreementRule;
  /** Keys of organisations: active members of the programme's locality. */
  participants: string[];
  nomination?: DemoNomination;
}

const UNANIMOUS: AgreementRule = { kind: AgreementRuleKind.UNANIMOUS, supportThreshold: null, maxOpposing: null };
const { SUPPORT, OPPOSE, ABSTAIN } = EndorsementPosition;

/** Every listed organisation supports, one day apart. */
const allSupport = (organisations: string[]): DemoEndorsement[] =>
  organisations.map((organisation, i) => ({ organisation, position: SUPPORT, after: i + 1 }));

const HEALTHY_AGEING = [
  'gateshead-council',
  'gateshead-health',
  'nenc-icb',
  'gateshead-cbc',
  'age-uk-gateshead',
  'gateshead-opa',
  'gateshead-carers',
  'connected-voice',
];
const WINTER_RESILIENCE = ['gateshead-council', 'gateshead-health', 'neas', 'age-uk-gateshead', 'gateshead-foodbank', 'edberts-house'];
const COST_OF_LIVING = ['sunderland-council', 'ca-sunderland', 'age-uk-sunderland', 'svsa', 'gentoo', 'dwp-jobcentre', 'northumbrian-water'];

export const DEMO_PROGRAMMES: readonly DemoProgramme[] = [
  {
    locality: GATESHEAD,
    name: 'Healthy Ageing',
    purpose: 'Help older residents stay well and independent at home: falls prevention, social prescribing and support for carers.',
    status: ProgrammeStatus.ACTIVE,
    startsOn: -300,
    endsOn: 430,
    reviewCadenceDays: 90,
    leaderTermMonths: 6,
    rule: UNANIMOUS,
    participants: HEALTHY_AGEING,
    // Agreed about 280 days ago for six months; re-confirmed unanimously before it was due.
    nomination: {
      leader: { organisation: 'gateshead-health', slot: 0 },
      nominatedOn: -290,
      status: NominationStatus.AGREED,
      endorsements: allSupport(HEALTHY_AGEING),
      reconfirmation: {
        nominatedOn: -122,
        outcome: ReconfirmationOutcome.RECONFIRMED,
        endorsements: allSupport(HEALTHY_AGEING),
      },
    },
  },
  {
    locality: GATESHEAD,
    name: 'Employment and Skills Pathway',
    purpose: 'One route from benefits to work for residents furthest from the labour market, with employer-backed training places.',
    status: ProgrammeStatus.ACTIVE,
    startsOn: -150,
    reviewCadenceDays: 90,
    leaderTermMonths: 12,
    rule: UNANIMOUS,
    participants: [
      'gateshead-council',
      'dwp-jobcentre',
      'gateshead-college',
      'ne-chamber',
      'neca',
      'groundwork',
      'ca-gateshead',
      'gateshead-housing',
    ],
    // Unanimity is required: one opposition and two bodies yet to answer keep it open.
    nomination: {
      leader: { organisation: 'gateshead-college', slot: 0 },
      nominatedOn: -21,
      status: NominationStatus.OPEN,
      endorsements: [
        { organisation: 'gateshead-council', position: SUPPORT, after: 1 },
        { organisation: 'gateshead-college', position: SUPPORT, after: 1 },
        { organisation: 'dwp-jobcentre', position: SUPPORT, after: 3 },
        { organisation: 'ca-gateshead', position: SUPPORT, after: 5 },
        { organisation: 'ne-chamber', position: ABSTAIN, after: 6, comment: 'We will support once employer places are confirmed.' },
        { organisation: 'groundwork', position: OPPOSE, after: 8, comment: 'We propose a joint lead with the voluntary sector.' },
      ],
    },
  },
  {
    locality: GATESHEAD,
    name: 'Winter Resilience',
    purpose: 'Keep vulnerable residents warm, fed and out of hospital over the winter.',
    status: ProgrammeStatus.CLOSED,
    startsOn: -420,
    endsOn: -240,
    reviewCadenceDays: 30,
    leaderTermMonths: 6,
    rule: UNANIMOUS,
    participants: WINTER_RESILIENCE,
    nomination: {
      leader: { organisation: 'gateshead-council', slot: 1 },
      nominatedOn: -415,
      status: NominationStatus.AGREED,
      steppedDown: { on: -240, reason: 'The programme closed at the end of the winter.' },
      endorsements: allSupport(WINTER_RESILIENCE),
    },
  },
  {
    locality: SUNDERLAND,
    name: 'Safer Streets',
    purpose: 'Reduce anti-social behaviour and violence in the city centre and Hendon through joint patrols, youth work and design.',
    status: ProgrammeStatus.ACTIVE,
    startsOn: -200,
    endsOn: 530,
    reviewCadenceDays: 60,
    leaderTermMonths: 12,
    rule: { kind: AgreementRuleKind.QUALIFIED_MAJORITY, supportThreshold: 0.667, maxOpposing: 1 },
    participants: [
      'sunderland-council',
      'northumbria-police',
      'northumbria-pcc',
      'twfrs',
      'probation',
      'gentoo',
      'sunderland-bid',
      'back-on-the-map',
      'southwick-youth',
    ],
    // 4 of 9 support: two more supporters (of three yet to answer) agree the leader.
    nomination: {
      leader: { organisation: 'northumbria-police', slot: 1 },
      nominatedOn: -14,
      status: NominationStatus.OPEN,
      endorsements: [
        { organisation: 'northumbria-police', position: SUPPORT, after: 1 },
        { organisation: 'sunderland-council', position: SUPPORT, after: 2 },
        { organisation: 'northumbria-pcc', position: SUPPORT, after: 2 },
        { organisation: 'twfrs', position: SUPPORT, after: 4 },
        { organisation: 'probation', position: ABSTAIN, after: 5 },
        { organisation: 'gentoo', position: OPPOSE, after: 6, comment: 'Housing should co-lead the Hendon work.' },
      ],
    },
  },
  {
    locality: SUNDERLAND,
    name: 'Family Hubs',
    purpose: 'Open family hubs in each area of the city, bringing early help, health visiting and advice under one roof.',
    status: ProgrammeStatus.DRAFT,
    startsOn: 60,
    reviewCadenceDays: 90,
    leaderTermMonths: 12,
    rule: UNANIMOUS,
    participants: [
      'sunderland-council',
      'together-for-children',
      'stsft',
      'sunderland-gp-alliance',
      'sunderland-carers',
      'foundation-of-light',
      'ca-sunderland',
    ],
  },
  {
    locality: SUNDERLAND,
    name: 'Cost of Living Support',
    purpose: 'Joined-up advice, debt support and warm spaces for households struggling with the cost of living.',
    status: ProgrammeStatus.ACTIVE,
    startsOn: -420,
    reviewCadenceDays: 90,
    leaderTermMonths: 12,
    rule: { kind: AgreementRuleKind.QUALIFIED_MAJORITY, supportThreshold: 0.75, maxOpposing: 1 },
    participants: COST_OF_LIVING,
    // One abstains; the sixth supporter of seven (0.857) met the qualified majority. A year
    // on, two bodies opposed re-confirming her: she stays in post, overdue for re-confirmation.
    nomination: {
      leader: { organisation: 'svsa', slot: 0 },
      nominatedOn: -400,
      status: NominationStatus.AGREED,
      endorsements: [
        { organisation: 'northumbrian-water', position: ABSTAIN, after: 1 },
        ...allSupport(COST_OF_LIVING.filter((key) => key !== 'northumbrian-water')).map((e) => ({ ...e, after: e.after + 1 })),
      ],
      reconfirmation: {
        nominatedOn: -48,
        outcome: ReconfirmationOutcome.NOT_RECONFIRMED,
        endorsements: [
          { organisation: 'svsa', position: SUPPORT, after: 1 },
          { organisation: 'sunderland-council', position: SUPPORT, after: 2 },
          { organisation: 'gentoo', position: OPPOSE, after: 3, comment: 'Warm spaces in our schemes still have no agreed funding.' },
          { organisation: 'northumbrian-water', position: OPPOSE, after: 5, comment: 'We want the leadership to rotate to a statutory body.' },
        ],
      },
    },
  },
];

export const programmeByName = (name: string): DemoProgramme => {
  const found = DEMO_PROGRAMMES.find((p) => p.name === name);
  if (!found) throw new Error(`No demo programme "${name}"`);
  return found;
};

/** The day (offset) a nomination was decided: that of the last of its endorsements. */
export const decidedOn = (nominatedOn: number, endorsements: readonly DemoEndorsement[]): number =>
  nominatedOn + Math.max(...endorsements.map((e) => e.after));
