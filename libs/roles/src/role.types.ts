import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SelectionMethod {
  OPEN_SELECTION = 'OPEN_SELECTION',
  APPOINTED = 'APPOINTED',
  DEFAULTED = 'DEFAULTED',
}

export enum AssignmentEndCause {
  VACATED = 'VACATED',
  ORGANISATION_LEFT = 'ORGANISATION_LEFT',
  ROLE_RETIRED = 'ROLE_RETIRED',
}

registerEnumType(SelectionMethod, {
  name: 'SelectionMethod',
  description: 'How the holder of a role was chosen.',
  valuesMap: {
    OPEN_SELECTION: { description: 'Chosen from candidates against the role’s requirements.' },
    APPOINTED: { description: 'Appointed by the partnership or a body without an open selection.' },
    DEFAULTED: { description: 'Held by default, e.g. "it is always the council’s head of service".' },
  },
});
registerEnumType(AssignmentEndCause, {
  name: 'AssignmentEndCause',
  description: 'Why a holder stopped holding a role.',
  valuesMap: {
    VACATED: { description: 'A coordinator vacated the role, with a reason.' },
    ORGANISATION_LEFT: { description: 'The holder’s organisation left the programme (or the locality).' },
    ROLE_RETIRED: { description: 'The role itself was retired.' },
  },
});

@ObjectType('RequiredCompetency', { description: 'A competency a role requires, at a minimum level.' })
export class RequiredCompetencyType {
  @Field({ description: 'Matched case-insensitively with the names of people’s competencies.' })
  name!: string;

  @Field(() => Int, { description: '1 (aware) to 5 (expert).' })
  minLevel!: number;
}

@ObjectType('CompetencyGap', { description: 'A required competency the holder lacks or holds below the minimum level.' })
export class CompetencyGapType {
  @Field()
  competency!: string;

  @Field(() => Int)
  requiredLevel!: number;

  @Field(() => Int, { nullable: true, description: 'Empty when the person does not hold it at all.' })
  heldLevel!: number | null;
}

@ObjectType('RoleFit', { description: 'How well the holder’s competencies meet the role’s requirements, now.' })
export class RoleFitType {
  @Field(() => Float, { description: 'Share of the required competencies held at or above the minimum level, 0 to 1 (1 when none are required).' })
  score!: number;

  @Field(() => Int)
  met!: number;

  @Field(() => Int)
  required!: number;

  @Field(() => [CompetencyGapType])
  gaps!: CompetencyGapType[];
}

@ObjectType('ProgrammeRole', { description: 'A role a programme needs filled, e.g. "Data lead".' })
export class ProgrammeRoleType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  responsibilities!: string | null;

  @Field({ description: 'Whether the programme cannot run without this role filled.' })
  requiredForProgramme!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: the day the role last lost its holder, or was created without one; empty while held.',
  })
  vacantSince!: string | null;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;

  @Field(() => String, { nullable: true })
  retireReason!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('RoleAssignment', { description: 'A person holding (or having held) a programme role.' })
export class RoleAssignmentType {
  @Field(() => ID)
  id!: string;

  roleId!: string;
  personId!: string;
  organisationId!: string;

  @Field(() => SelectionMethod)
  selectionMethod!: SelectionMethod;

  @Field(() => String, { nullable: true, description: 'Why this person; required unless OPEN_SELECTION.' })
  rationale!: string | null;

  @Field(() => Float, { description: 'The fit score when the person was assigned (competencies may have changed since).' })
  fitAtAssignment!: number;

  @Field(() => ID)
  assignedByUserId!: string;

  @Field()
  assignedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Empty while the person holds the role.' })
  endedAt!: Date | null;

  @Field(() => AssignmentEndCause, { nullable: true })
  endCause!: AssignmentEndCause | null;

  @Field(() => String, { nullable: true })
  endReason!: string | null;

  @Field(() => ID, { nullable: true, description: 'Who ended it; empty when nobody signed in did (e.g. a background job).' })
  endedByUserId!: string | null;
}

@ObjectType('RoleCandidate', { description: 'A person of a body taking part in the programme, with how well they would fit the role now.' })
export class RoleCandidateType {
  personId!: string;

  @Field(() => RoleFitType)
  fit!: RoleFitType;
}
