import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { listOf } from '@joinedup/graphql-kit';
import { LocalityType } from '@joinedup/registry';
import { StepAction } from './onboarding-plan';

/** The most problems and changes a preview lists; its counts cover all of them. */
export const MAX_LISTED = 200;

export enum OnboardingAction {
  CREATE = 'CREATE',
  CHANGE = 'CHANGE',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(OnboardingAction, { name: 'OnboardingAction', description: 'What applying the file does to a record.' });

export enum OnboardingRecord {
  MEMBER_BODY = 'MEMBER_BODY',
  PERSON = 'PERSON',
}
registerEnumType(OnboardingRecord, { name: 'OnboardingRecord' });

@ObjectType({ description: 'A problem to fix in the file: where it is (none for the whole file) and what to do.' })
export class OnboardingProblem {
  @Field(() => String, { nullable: true, description: 'The sheet of a workbook ("Member bodies" or "People"); none for a CSV file.' })
  sheet!: string | null;

  @Field(() => Int, { nullable: true, description: 'The row number, the header being row 1.' })
  row!: number | null;

  @Field(() => String, { nullable: true, description: 'The column’s header.' })
  column!: string | null;

  @Field()
  message!: string;
}

@ObjectType({ description: 'A body or person the file creates or changes.' })
export class OnboardingStep {
  @Field(() => OnboardingRecord)
  record!: OnboardingRecord;

  @Field(() => OnboardingAction)
  action!: StepAction;

  @Field(() => String, { nullable: true, description: 'The sheet of a workbook; none for a CSV file.' })
  sheet!: string | null;

  @Field(() => Int)
  row!: number;

  @Field()
  name!: string;

  @Field({ description: 'A body’s sector; a person’s body.' })
  detail!: string;

  @Field(() => [String], { description: 'What changes, in words, e.g. "sector: Health → Police".' })
  changes!: string[];

  @Field({ description: 'The body becomes an active member of the locality.' })
  joinsLocality!: boolean;
}

@ObjectType()
export class OnboardingTally {
  @Field(() => Int)
  create!: number;

  @Field(() => Int)
  change!: number;

  @Field(() => Int)
  unchanged!: number;
}

@ObjectType({ description: 'What a file would do to the registry, before anything is written.' })
export class OnboardingPreview {
  @Field({ description: 'Give it to applyOnboarding: it refuses when the plan is no longer this one.' })
  planDigest!: string;

  @Field({ description: 'No problems, and something to create or change.' })
  canApply!: boolean;

  @Field(() => OnboardingTally)
  bodies!: OnboardingTally;

  @Field(() => OnboardingTally)
  people!: OnboardingTally;

  @Field(() => Int)
  membershipsToAdd!: number;

  @Field(() => Int)
  problemCount!: number;

  @Field(() => [OnboardingProblem], { description: `The first ${MAX_LISTED} problems, in file order.`, complexity: listOf(MAX_LISTED) })
  problems!: OnboardingProblem[];

  @Field(() => Int, { description: 'Bodies and people created or changed.' })
  stepCount!: number;

  @Field(() => [OnboardingStep], { description: `The first ${MAX_LISTED} bodies and people created or changed.`, complexity: listOf(MAX_LISTED) })
  steps!: OnboardingStep[];

  @Field(() => [String], {
    description: `Competency names no one in the registry holds or needs yet, which the file adds (the first ${MAX_LISTED}, in alphabetical order): new, or misspelt.`,
    complexity: listOf(MAX_LISTED),
  })
  newCompetencyNames!: string[];
}

@ObjectType({ description: 'What applying a file wrote.' })
export class OnboardingResult {
  @Field(() => LocalityType)
  locality!: LocalityType;

  @Field(() => Int)
  bodiesCreated!: number;

  @Field(() => Int)
  bodiesChanged!: number;

  @Field(() => Int)
  membershipsAdded!: number;

  @Field(() => Int)
  peopleCreated!: number;

  @Field(() => Int)
  peopleChanged!: number;
}
