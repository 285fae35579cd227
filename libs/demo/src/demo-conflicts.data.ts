import { ConflictAction, ConflictCategory, ConflictSeverity } from '@joinedup/conflicts';
import { GATESHEAD, SUNDERLAND } from './demo-partnership.data';

/**
 * Demo conflict resolution processes and conflicts. Sunderland agreed a three-stage
 * process long ago and is drafting a fourth stage; Safer Streets agreed a one-stage
 * process of its own; Gateshead has none, so its conflicts cannot enter resolution. The
 * conflicts are in every state, one stuck past its stage's due date. Dates are day offsets
 * from the day of seeding; a conflict is found again by its locality and title, a process
 * by its locality or programme, and a version by its number.
 */
export interface DemoStage {
  name: string;
  owner: string;
  timeLimitDays: number;
}

export interface DemoProcessVersion {
  createdOn: number;
  /** Empty for a draft (at most one, the latest version). */
  agreedOn?: number;
  stages: DemoStage[];
}

export interface DemoConflictProcess {
  locality: string;
  /** A programme's own process, overriding its locality's; empty for the locality's. */
  programme?: string;
  /** Version 1 first. */
  versions: DemoProcessVersion[];
}

/** Whoever acted: the coordinator, or an organisation (through its demo representative). */
export const COORDINATOR = 'coordinator';

export interface DemoConflictStep {
  action: ConflictAction;
  on: number;
  /** COORDINATOR, or the key of the raising organisation or a party with a demo representative. */
  by: string;
  /** The comment, the outcome of RESOLVE, the reason of CLOSE_UNRESOLVED, or a note on a transition. */
  note?: string;
}

export interface DemoConflict {
  locality: string;
  /** The name of a demo programme of that locality. */
  programme?: string;
  /** Organisation keys: active members of the locality. */
  raisedBy: string;
  parties: string[];
  category: ConflictCategory;
  severity: ConflictSeverity;
  title: string;
  description: string;
  openedOn: number;
  /** Oldest first, on different days after it was opened. */
  steps: DemoConflictStep[];
}

const { ACKNOWLEDGE, START_RESOLUTION, ESCALATE, RESOLVE, CLOSE_UNRESOLVED, COMMENT } = ConflictAction;

export const DEMO_CONFLICT_PROCESSES: readonly DemoConflictProcess[] = [
  {
    locality: SUNDERLAND,
    versions: [
      {
        createdOn: -335,
        agreedOn: -320,
        stages: [
          { name: 'Discussion between the leads', owner: 'Programme leads of the bodies involved', timeLimitDays: 14 },
          { name: 'Mediation by the partnership coordinator', owner: 'Partnership coordinator', timeLimitDays: 21 },
          { name: 'Partnership board', owner: 'Chair of the Sunderland partnership board', timeLimitDays: 30 },
        ],
      },
      // Independent mediation before the board: drafted, not yet agreed.
      {
        createdOn: -12,
        stages: [
          { name: 'Discussion between the leads', owner: 'Programme leads of the bodies involved', timeLimitDays: 14 },
          { name: 'Mediation by the partnership coordinator', owner: 'Partnership coordinator', timeLimitDays: 21 },
          { name: 'Independent mediation', owner: 'North East mediation service', timeLimitDays: 28 },
          { name: 'Partnership board', owner: 'Chair of the Sunderland partnership board', timeLimitDays: 30 },
        ],
      },
    ],
  },
  {
    locality: SUNDERLAND,
    programme: 'Safer Streets',
    versions: [
      {
        createdOn: -158,
        agreedOn: -150,
        stages: [{ name: 'Referral to the Safer Sunderland board', owner: 'Chair of the Safer Sunderland Partnership', timeLimitDays: 10 }],
      },
    ],
  },
];

export const DEMO_CONFLICTS: readonly DemoConflict[] = [
  // Sunderland: escalated to mediation and stuck there well past its due date.
  {
    locality: SUNDERLAND,
    programme: 'Cost of Living Support',
    raisedBy: 'gentoo',
    parties: ['dwp-jobcentre', 'sunderland-council'],
    category: ConflictCategory.DATA_SHARING,
    severity: ConflictSeverity.HIGH,
    title: "Sharing tenants' benefit details with the advice network",
    description:
      'Our tenancy sustainment team cannot see when a tenant’s benefit is sanctioned, so arrears build for weeks before advice is offered. ' +
      'We asked for a monthly list under the data-sharing agreement; DWP says the agreement does not cover it.',
    openedOn: -70,
    steps: [
      { action: ACKNOWLEDGE, on: -66, by: 'sunderland-council', note: 'We will bring our data protection officer to the leads’ meeting.' },
      { action: START_RESOLUTION, on: -63, by: 'gentoo' },
      { action: ESCALATE, on: -48, by: 'gentoo', note: 'No agreement between the leads: DWP cannot share without a new agreement.' },
      { action: COMMENT, on: -30, by: COORDINATOR, note: 'Mediation postponed twice; DWP’s information governance team has not replied.' },
    ],
  },
  // Sunderland: in resolution under Safer Streets' own process, within its time limit.
  {
    locality: SUNDERLAND,
    programme: 'Safer Streets',
    raisedBy: 'sunderland-bid',
    parties: ['back-on-the-map'],
    category: ConflictCategory.PRIORITIES,
    severity: ConflictSeverity.MEDIUM,
    title: 'Youth diversion sessions moved from the city centre to Hendon',
    description:
      'The Friday sessions that kept young people out of the city centre have moved to Hendon. City-centre incidents rose the next month; ' +
      'we want one of the two nights back in the centre.',
    openedOn: -9,
    steps: [
      { action: ACKNOWLEDGE, on: -8, by: 'back-on-the-map', note: 'Hendon asked for the sessions first; happy to talk.' },
      { action: START_RESOLUTION, on: -5, by: 'sunderland-bid' },
    ],
  },
  // Sunderland: resolved at the first stage.
  {
    locality: SUNDERLAND,
    raisedBy: 'back-on-the-map',
    parties: ['sunderland-council'],
    category: ConflictCategory.RESOURCES,
    severity: ConflictSeverity.LOW,
    title: 'Room hire for partnership meetings at community centres',
    description: 'Community centres host most partnership meetings and pay for the rooms, heating and caretaking themselves.',
    openedOn: -140,
    steps: [
      { action: ACKNOWLEDGE, on: -137, by: 'sunderland-council' },
      { action: START_RESOLUTION, on: -135, by: 'back-on-the-map' },
      {
        action: RESOLVE,
        on: -126,
        by: COORDINATOR,
        note: 'The council reimburses room hire for partnership meetings from its community safety budget; centres invoice quarterly.',
      },
    ],
  },
  // Sunderland: taken to the board under the locality's process, closed unresolved.
  {
    locality: SUNDERLAND,
    programme: 'Safer Streets',
    raisedBy: 'gentoo',
    parties: ['northumbria-police', 'sunderland-council'],
    category: ConflictCategory.ACCOUNTABILITY,
    severity: ConflictSeverity.MEDIUM,
    title: 'Who leads the Hendon design work',
    description: 'Most of the Hendon streets in the plan are our estates, yet the design work is led without housing at the table.',
    openedOn: -172,
    steps: [
      { action: ACKNOWLEDGE, on: -170, by: 'sunderland-council' },
      { action: START_RESOLUTION, on: -168, by: 'gentoo' },
      { action: ESCALATE, on: -153, by: 'gentoo', note: 'The leads could not agree.' },
      { action: ESCALATE, on: -131, by: COORDINATOR, note: 'Mediation did not settle it; referred to the board.' },
      {
        action: CLOSE_UNRESOLVED,
        on: -104,
        by: COORDINATOR,
        note: 'The board could not agree a lead for the Hendon design work; it will be settled by the programme’s leadership nomination.',
      },
    ],
  },
  // Gateshead: raised weeks ago and never acknowledged.
  {
    locality: GATESHEAD,
    programme: 'Employment and Skills Pathway',
    raisedBy: 'groundwork',
    parties: ['gateshead-college', 'gateshead-council'],
    category: ConflictCategory.ACCOUNTABILITY,
    severity: ConflictSeverity.MEDIUM,
    title: "The voluntary sector's voice in the pathway's leadership",
    description: 'Half the residents on the pathway come through voluntary groups, but the leadership nomination leaves us out.',
    openedOn: -26,
    steps: [],
  },
  // Gateshead: acknowledged, and stuck there because Gateshead has no agreed process.
  {
    locality: GATESHEAD,
    programme: 'Healthy Ageing',
    raisedBy: 'gateshead-council',
    parties: ['gateshead-health'],
    category: ConflictCategory.PRIORITIES,
    severity: ConflictSeverity.HIGH,
    title: 'Hospital discharge referrals to the falls service',
    description: 'Patients discharged after a fall reach the falls service weeks later, because the trust refers them by letter.',
    openedOn: -45,
    steps: [
      { action: ACKNOWLEDGE, on: -41, by: COORDINATOR, note: 'Acknowledged for the trust, which has no representative here yet.' },
      {
        action: COMMENT,
        on: -20,
        by: 'gateshead-council',
        note: 'We cannot start resolution: Gateshead has no agreed conflict resolution process.',
      },
    ],
  },
  // Gateshead: settled by agreement straight after it was acknowledged.
  {
    locality: GATESHEAD,
    raisedBy: 'gateshead-housing',
    parties: ['gateshead-council'],
    category: ConflictCategory.RESOURCES,
    severity: ConflictSeverity.MEDIUM,
    title: 'Empty homes held back for hospital discharge',
    description: 'We hold homes empty for patients leaving hospital, and lose the rent while they stand empty.',
    openedOn: -95,
    steps: [
      { action: ACKNOWLEDGE, on: -92, by: 'gateshead-council' },
      {
        action: RESOLVE,
        on: -80,
        by: COORDINATOR,
        note: 'A pool of four homes, reviewed monthly; the council pays the rent while they stand empty.',
      },
    ],
  },
  // Gateshead: closed unresolved when its programme closed.
  {
    locality: GATESHEAD,
    programme: 'Winter Resilience',
    raisedBy: 'gateshead-foodbank',
    parties: ['gateshead-council'],
    category: ConflictCategory.RESOURCES,
    severity: ConflictSeverity.LOW,
    title: 'Storage for warm packs over the winter',
    description: 'We have nowhere dry to keep the warm packs between deliveries.',
    openedOn: -300,
    steps: [
      { action: ACKNOWLEDGE, on: -296, by: 'gateshead-council' },
      { action: CLOSE_UNRESOLVED, on: -240, by: COORDINATOR, note: 'The programme closed at the end of the winter before it was settled.' },
    ],
  },
];
