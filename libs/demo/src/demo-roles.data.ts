import { AssignmentEndCause, CompetencyRequirement, roleFit, SelectionMethod } from '@joinedup/roles';
import { organisationByKey } from './demo-partnership.data';
import { DemoPersonRef, peopleOf } from './demo-people.data';

/**
 * Demo programme roles and who held them: good and poor fit, a role held by default ("it
 * is always the council's head of service"), a required role left vacant for months, a
 * holder replaced by a better-fitting one, and a retired role. Dates are day offsets from
 * the day of seeding. A role is found again by its programme and title; its holders are
 * written only with a role that has none yet.
 */
export interface DemoHolder {
  person: DemoPersonRef;
  selectionMethod: SelectionMethod;
  /** Required unless OPEN_SELECTION. */
  rationale?: string;
  assignedOn: number;
  /** Every holder but the current one (the last, if any) has ended. */
  ended?: { on: number; cause: AssignmentEndCause.VACATED | AssignmentEndCause.ROLE_RETIRED; reason: string };
}

export interface DemoRole {
  /** The name of a demo programme. */
  programme: string;
  title: string;
  responsibilities: string;
  requiredForProgramme: boolean;
  requiredCompetencies: CompetencyRequirement[];
  createdOn: number;
  /** Oldest first. */
  holders: DemoHolder[];
  /** The role was retired that day; its holder then stopped holding it (ROLE_RETIRED). */
  retired?: { on: number; reason: string };
}

const { OPEN_SELECTION, APPOINTED, DEFAULTED } = SelectionMethod;
const need = (name: string, minLevel: number): CompetencyRequirement => ({ name, minLevel });

export const DEMO_ROLES: readonly DemoRole[] = [
  // Safer Streets: one role defaulted to the council with no fit at all, one filled well by
  // open selection, one appointed with a gap, and the night-time economy role vacant since
  // its holder left about four months ago.
  {
    programme: 'Safer Streets',
    title: 'Community safety partnership lead',
    responsibilities: 'Chairs the monthly tasking meeting and answers to the Safer Sunderland Partnership board for the programme.',
    requiredForProgramme: true,
    requiredCompetencies: [need('Partnership working', 4), need('Community engagement', 4), need('Conflict resolution', 3)],
    createdOn: -205,
    holders: [
      {
        person: { organisation: 'sunderland-council', slot: 1 },
        selectionMethod: DEFAULTED,
        rationale: "It is always the council's head of service for community safety; nobody else was considered.",
        assignedOn: -198,
      },
    ],
  },
  {
    programme: 'Safer Streets',
    title: 'Neighbourhood problem-solving lead',
    responsibilities: 'Runs the joint problem-solving plans for Hendon and the city centre with housing, youth work and the fire service.',
    requiredForProgramme: true,
    requiredCompetencies: [need('Community engagement', 4), need('Safeguarding', 4), need('Conflict resolution', 3)],
    createdOn: -205,
    holders: [{ person: { organisation: 'northumbria-police', slot: 1 }, selectionMethod: OPEN_SELECTION, assignedOn: -185 }],
  },
  {
    programme: 'Safer Streets',
    title: 'Youth outreach coordinator',
    responsibilities: 'Plans the detached youth work sessions and the diversion activities on Friday and Saturday nights.',
    requiredForProgramme: false,
    requiredCompetencies: [need('Community engagement', 4), need('Safeguarding', 3), need('Conflict resolution', 3)],
    createdOn: -190,
    holders: [
      {
        person: { organisation: 'southwick-youth', slot: 2 },
        selectionMethod: APPOINTED,
        rationale: 'Already runs the detached youth work in Southwick; the board asked for continuity.',
        assignedOn: -180,
      },
    ],
  },
  {
    programme: 'Safer Streets',
    title: 'Night-time economy coordinator',
    responsibilities: 'Works with licensees, door staff and street pastors on the city-centre night-time economy plan.',
    requiredForProgramme: true,
    requiredCompetencies: [need('Stakeholder engagement', 4), need('Partnership working', 3), need('Risk management', 3)],
    createdOn: -205,
    holders: [
      {
        person: { organisation: 'sunderland-bid', slot: 0 },
        selectionMethod: APPOINTED,
        rationale: 'The BID runs the night-time economy forum.',
        assignedOn: -190,
        ended: {
          on: -121,
          cause: AssignmentEndCause.VACATED,
          reason: "Moved to the BID's national work; the BID has not put anyone forward since.",
        },
      },
    ],
  },

  // Healthy Ageing: a partial fit by open selection, a carers' role first held by default
  // and then given to someone who fits it, and a retired role.
  {
    programme: 'Healthy Ageing',
    title: 'Falls prevention clinical lead',
    responsibilities: 'Owns the falls pathway from screening in GP practices to strength and balance classes.',
    requiredForProgramme: true,
    requiredCompetencies: [need('Public health', 4), need('Data analysis', 3), need('Programme management', 3)],
    createdOn: -295,
    holders: [{ person: { organisation: 'gateshead-health', slot: 2 }, selectionMethod: OPEN_SELECTION, assignedOn: -280 }],
  },
  {
    programme: 'Healthy Ageing',
    title: "Carers' champion",
    responsibilities: "Brings carers' experience into every decision of the programme and chairs the carers' reference group.",
    requiredForProgramme: false,
    requiredCompetencies: [need('Community engagement', 4), need('Conflict resolution', 3), need('Safeguarding', 3)],
    createdOn: -295,
    holders: [
      {
        person: { organisation: 'gateshead-carers', slot: 0 },
        selectionMethod: DEFAULTED,
        rationale: "The carers' centre's chief executive holds it by default.",
        assignedOn: -290,
        ended: { on: -152, cause: AssignmentEndCause.VACATED, reason: "Handed over to the carers' advice lead, who works with carers every day." },
      },
      { person: { organisation: 'gateshead-carers', slot: 2 }, selectionMethod: OPEN_SELECTION, assignedOn: -150 },
    ],
  },
  {
    programme: 'Healthy Ageing',
    title: 'Winter pressures liaison',
    responsibilities: 'Linked the programme with the winter planning of the integrated care board.',
    requiredForProgramme: false,
    requiredCompetencies: [need('Risk management', 3), need('Partnership working', 3)],
    createdOn: -295,
    holders: [
      {
        person: { organisation: 'nenc-icb', slot: 1 },
        selectionMethod: APPOINTED,
        rationale: 'Covers winter planning for the integrated care board.',
        assignedOn: -285,
        ended: { on: -90, cause: AssignmentEndCause.ROLE_RETIRED, reason: "Folded into the falls prevention clinical lead's responsibilities." },
      },
    ],
    retired: { on: -90, reason: "Folded into the falls prevention clinical lead's responsibilities." },
  },

  // Cost of Living Support: a good fit and an appointment with gaps.
  {
    programme: 'Cost of Living Support',
    title: 'Advice network coordinator',
    responsibilities: 'Keeps one referral route between the advice agencies, the council and the housing providers.',
    requiredForProgramme: true,
    requiredCompetencies: [need('Partnership working', 4), need('Stakeholder engagement', 4), need('Financial management', 3)],
    createdOn: -425,
    holders: [{ person: { organisation: 'ca-sunderland', slot: 0 }, selectionMethod: OPEN_SELECTION, assignedOn: -410 }],
  },
  {
    programme: 'Cost of Living Support',
    title: 'Data sharing lead',
    responsibilities: 'Owns the data-sharing agreement between the benefits service, housing providers and the advice network.',
    requiredForProgramme: true,
    requiredCompetencies: [need('Data analysis', 4), need('Risk management', 3), need('Partnership working', 3)],
    createdOn: -425,
    holders: [
      {
        person: { organisation: 'dwp-jobcentre', slot: 1 },
        selectionMethod: APPOINTED,
        rationale: 'DWP holds most of the data; the district manager named her.',
        assignedOn: -405,
      },
    ],
  },

  // Employment and Skills Pathway: one role, well filled.
  {
    programme: 'Employment and Skills Pathway',
    title: 'Employer engagement lead',
    responsibilities: 'Secures employer-backed training places and matches them with residents on the pathway.',
    requiredForProgramme: true,
    requiredCompetencies: [need('Stakeholder engagement', 4), need('Community engagement', 3)],
    createdOn: -175,
    holders: [{ person: { organisation: 'gateshead-college', slot: 1 }, selectionMethod: OPEN_SELECTION, assignedOn: -160 }],
  },
];

/** The day a role last lost its holder (or was created without one); null while held. */
export function vacantSinceOf(role: DemoRole): number | null {
  const last = role.holders[role.holders.length - 1];
  if (!last) return role.createdOn;
  return last.ended ? last.ended.on : null;
}

/** The fit of a demo person for a demo role, to three decimals as stored at assignment. */
export function demoFit(role: DemoRole, person: DemoPersonRef): number {
  const held = peopleOf(organisationByKey(person.organisation))[person.slot].competencies;
  return Math.round(roleFit(role.requiredCompetencies, held).score * 1000) / 1000;
}
