import { AlignmentKind, AlignmentStatus } from '@joinedup/alignment';
import { CascadeLevel } from '@joinedup/briefings';
import { RecognitionVisibility } from '@joinedup/recognition';
import { DemoPersonRef } from './demo-people.data';

/**
 * Demo briefings, alignment requests, milestones and recognitions (issue 9), all in Cost
 * of Living Support (Sunderland) and the Employment and Skills Pathway (Gateshead), so
 * they stay away from what the GraphQL tour (docs/graphql-tour.md) creates and reads (Safer Streets'
 * briefing and requests, Healthy Ageing's milestones and Gateshead Council's
 * recognitions). Dates are day offsets from the day of seeding.
 */

const LIVING = 'Cost of Living Support';
const PATHWAY = 'Employment and Skills Pathway';

export interface DemoAcknowledgement {
  organisation: string;
  cascade: CascadeLevel;
  on: number;
  note?: string;
}

export interface DemoBriefing {
  programme: string;
  title: string;
  summary: string;
  issuedOn: number;
  /** Oldest first; a second one of the same organisation replaces its first (re-acknowledgement). */
  acknowledgements: DemoAcknowledgement[];
}

/** The participant of Cost of Living Support that has acknowledged none of its briefings. */
export const DEMO_NEVER_ACKNOWLEDGES = 'northumbrian-water';

const { LEADERSHIP_ONLY, MANAGERS, FRONT_LINE, WHOLE_ORGANISATION } = CascadeLevel;
const ack = (organisation: string, cascade: CascadeLevel, on: number, note?: string): DemoAcknowledgement => ({
  organisation,
  cascade,
  on,
  note,
});

export const DEMO_BRIEFINGS: readonly DemoBriefing[] = [
  {
    programme: LIVING,
    title: 'Warm spaces open for the winter',
    summary: 'Twenty-two warm spaces open from November in libraries, community centres and Gentoo schemes; opening hours and referral cards attached.',
    issuedOn: -75,
    acknowledgements: [
      ack('sunderland-council', WHOLE_ORGANISATION, -73, 'In the all-staff bulletin.'),
      ack('ca-sunderland', FRONT_LINE, -72),
      ack('svsa', MANAGERS, -71),
      ack('age-uk-sunderland', FRONT_LINE, -70),
      ack('gentoo', LEADERSHIP_ONLY, -69, 'Shared with the executive team.'),
      ack('dwp-jobcentre', MANAGERS, -66),
      ack('gentoo', FRONT_LINE, -60, 'Now briefed to every housing officer.'),
    ],
  },
  {
    programme: LIVING,
    title: 'Household Support Fund: new eligibility rules',
    summary: 'From next month the fund also covers households just above the benefit thresholds; applications go through the advice network.',
    issuedOn: -40,
    acknowledgements: [
      ack('ca-sunderland', WHOLE_ORGANISATION, -39),
      ack('sunderland-council', MANAGERS, -38),
      ack('dwp-jobcentre', LEADERSHIP_ONLY, -30),
    ],
  },
  {
    programme: LIVING,
    title: 'Debt advice referral route changes',
    summary: 'Referrals for priority debts now go to the single advice line first; the old email addresses close at the end of the month.',
    issuedOn: -12,
    acknowledgements: [ack('ca-sunderland', FRONT_LINE, -11)],
  },
  {
    programme: PATHWAY,
    title: 'Employer training places for spring',
    summary: 'Forty employer-backed training places in logistics, care and construction start in the spring; work coaches can refer from now.',
    issuedOn: -50,
    acknowledgements: [
      ack('gateshead-college', WHOLE_ORGANISATION, -49),
      ack('gateshead-council', MANAGERS, -47),
      ack('ne-chamber', LEADERSHIP_ONLY, -45),
      ack('groundwork', FRONT_LINE, -44),
      ack('dwp-jobcentre', FRONT_LINE, -43, 'Work coaches briefed at the team meetings.'),
    ],
  },
  {
    programme: PATHWAY,
    title: 'Pathway referral form agreed',
    summary: 'Every partner refers residents to the pathway on the one shared form from the first of the month.',
    issuedOn: -9,
    acknowledgements: [ack('gateshead-council', FRONT_LINE, -8)],
  },
];

export interface DemoAlignmentRequest {
  programme: string;
  requester: string;
  target: string;
  kind: AlignmentKind;
  title: string;
  description: string;
  requestedOn: number;
  responseDueOn: number;
  /** The final (or current) status. */
  status: AlignmentStatus;
  agreed?: { on: number; plannedOn: number; note?: string };
  declined?: { on: number; reason: string };
  adaptedOn?: number;
  withdrawn?: { on: number; reason: string };
}

/** The participant that declines most of the requests addressed to it. */
export const DEMO_DECLINER = 'dwp-jobcentre';

const { REQUESTED, AGREED, DECLINED, ADAPTED, WITHDRAWN } = AlignmentStatus;

export const DEMO_ALIGNMENT_REQUESTS: readonly DemoAlignmentRequest[] = [
  {
    programme: LIVING,
    requester: 'ca-sunderland',
    target: 'dwp-jobcentre',
    kind: AlignmentKind.DATA_SHARING,
    title: 'Share sanction notices with the advice network',
    description: 'Send a weekly list of Universal Credit sanctions (with consent) so advisers can contact the household before arrears build.',
    requestedOn: -200,
    responseDueOn: -186,
    status: DECLINED,
    declined: { on: -190, reason: 'Sanction data cannot be shared outside DWP under the current data-sharing gateway.' },
  },
  {
    programme: LIVING,
    requester: 'svsa',
    target: 'dwp-jobcentre',
    kind: AlignmentKind.REFERRAL_PROCESS,
    title: "Accept warm-space referrals on the advice network's form",
    description: 'Take referrals from warm-space volunteers on the shared advice network form instead of the Jobcentre paper form.',
    requestedOn: -120,
    responseDueOn: -106,
    status: DECLINED,
    declined: { on: -110, reason: 'Our national referral form is mandatory; we cannot accept a local one.' },
  },
  {
    programme: LIVING,
    requester: 'sunderland-council',
    target: 'dwp-jobcentre',
    kind: AlignmentKind.POLICY,
    title: 'Pause deductions during a debt-advice breathing space',
    description: 'Pause third-party deductions while a household is in a Breathing Space agreed by the advice network.',
    requestedOn: -60,
    responseDueOn: -46,
    status: AGREED,
    agreed: { on: -50, plannedOn: 30, note: 'Once the national guidance is updated.' },
  },
  {
    programme: LIVING,
    requester: 'age-uk-sunderland',
    target: 'gentoo',
    kind: AlignmentKind.BUDGET,
    title: 'Co-fund the Pallion warm space',
    description: "Share the heating and staffing costs of the Pallion warm space, as the council does for the city-centre one.",
    requestedOn: -100,
    responseDueOn: -86,
    status: WITHDRAWN,
    agreed: { on: -90, plannedOn: -40 },
    withdrawn: { on: -35, reason: 'The Household Support Fund now covers the Pallion costs.' },
  },
  {
    programme: PATHWAY,
    requester: 'gateshead-council',
    target: 'dwp-jobcentre',
    kind: AlignmentKind.IT_SYSTEM,
    title: 'Record pathway referrals in the shared case system',
    description: 'Record each pathway referral in the shared case system so the college and the council see the same case.',
    requestedOn: -90,
    responseDueOn: -76,
    status: DECLINED,
    declined: { on: -80, reason: 'Our staff may only use departmental systems for claimant records.' },
  },
  {
    programme: PATHWAY,
    requester: 'gateshead-college',
    target: 'gateshead-council',
    kind: AlignmentKind.WORKFORCE,
    title: 'Release employment support staff one day a week to the college',
    description: "Base two of the council's employment support officers at the college on Tuesdays, next to the course advisers.",
    requestedOn: -130,
    responseDueOn: -116,
    status: ADAPTED,
    agreed: { on: -120, plannedOn: -60, note: 'From the start of next term.' },
    adaptedOn: -55,
  },
  {
    programme: PATHWAY,
    requester: 'groundwork',
    target: 'gateshead-housing',
    kind: AlignmentKind.REFERRAL_PROCESS,
    title: 'Refer new tenants to the pathway at sign-up',
    description: 'Offer every new tenant who is out of work a referral to the pathway at tenancy sign-up, on the shared form.',
    requestedOn: -30,
    responseDueOn: -10,
    status: REQUESTED,
  },
  {
    programme: PATHWAY,
    requester: 'ne-chamber',
    target: 'gateshead-college',
    kind: AlignmentKind.OTHER,
    title: "List employer training places on the chamber's jobs board",
    description: "Publish the pathway's employer-backed training places on the chamber's jobs board as well as the college's site.",
    requestedOn: -5,
    responseDueOn: 9,
    status: REQUESTED,
  },
];

export interface DemoRecognition {
  /** Exactly one of person and organisation is credited, and exactly one gives it. */
  credited: { person: DemoPersonRef } | { organisation: string };
  givenBy: { person: DemoPersonRef } | { organisation: string };
  reason: string;
  givenOn: number;
  visibleIn: RecognitionVisibility[];
}

export interface DemoMilestone {
  programme: string;
  name: string;
  createdOn: number;
  dueOn: number;
  achievedOn?: number;
  contributors: string[];
  recognitions: DemoRecognition[];
}

const { PARTNERSHIP_BOARD, OWN_ORGANISATION, PUBLIC } = RecognitionVisibility;

export const DEMO_MILESTONES: readonly DemoMilestone[] = [
  {
    programme: PATHWAY,
    name: 'First 40 employer-backed training places secured',
    createdOn: -140,
    dueOn: -60,
    achievedOn: -64,
    contributors: ['gateshead-college', 'ne-chamber', 'dwp-jobcentre'],
    recognitions: [
      {
        credited: { person: { organisation: 'gateshead-college', slot: 1 } },
        givenBy: { person: { organisation: 'gateshead-college', slot: 0 } },
        reason: 'Signed up the employers behind the first forty training places, ahead of the date agreed.',
        givenOn: -58,
        visibleIn: [OWN_ORGANISATION, PARTNERSHIP_BOARD],
      },
      {
        credited: { organisation: 'ne-chamber' },
        givenBy: { organisation: 'gateshead-college' },
        reason: "Brought the chamber's members to the table for the training places.",
        givenOn: -57,
        visibleIn: [PARTNERSHIP_BOARD],
      },
    ],
  },
  {
    programme: PATHWAY,
    name: 'Shared referral form in use by every partner',
    createdOn: -100,
    dueOn: -20,
    achievedOn: -14,
    contributors: ['gateshead-council', 'ca-gateshead', 'gateshead-housing'],
    recognitions: [],
  },
  {
    programme: PATHWAY,
    name: 'Training places matched for 100 residents',
    createdOn: -100,
    dueOn: -10,
    contributors: ['gateshead-college', 'dwp-jobcentre'],
    recognitions: [],
  },
  {
    programme: LIVING,
    name: 'Warm spaces open in all five areas',
    createdOn: -200,
    dueOn: -150,
    achievedOn: -155,
    contributors: ['sunderland-council', 'svsa', 'age-uk-sunderland', 'gentoo'],
    recognitions: [
      {
        credited: { organisation: 'svsa' },
        givenBy: { organisation: 'sunderland-council' },
        reason: 'Recruited and trained the volunteers who keep the warm spaces open.',
        givenOn: -140,
        visibleIn: [PUBLIC, PARTNERSHIP_BOARD],
      },
      {
        credited: { person: { organisation: 'age-uk-sunderland', slot: 0 } },
        givenBy: { person: { organisation: 'svsa', slot: 0 } },
        reason: 'Found the Pallion and Southwick venues in a fortnight.',
        givenOn: -139,
        visibleIn: [PARTNERSHIP_BOARD],
      },
    ],
  },
  {
    programme: LIVING,
    name: 'One referral route live between the advice agencies',
    createdOn: -300,
    dueOn: -100,
    achievedOn: -95,
    contributors: ['ca-sunderland', 'sunderland-council', 'dwp-jobcentre'],
    recognitions: [],
  },
];

/** The organisation a demo party stands for. */
export const partyOrganisation = (party: { person: DemoPersonRef } | { organisation: string }): string =>
  'person' in party ? party.person.organisation : party.organisation;
