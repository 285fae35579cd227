import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { listOf } from '@joinedup/graphql-kit';
import { RecognitionVisibility } from './recognition.rules';

registerEnumType(RecognitionVisibility, {
  name: 'RecognitionVisibility',
  description: 'Where a recognition was made visible.',
  valuesMap: {
    PARTNERSHIP_BOARD: { description: 'At the partnership: its board, steering group or programme meetings.' },
    OWN_ORGANISATION: {
      description: "Inside the credited party's own organisation (for a person, their employer): staff news, team meeting, appraisal.",
    },
    PUBLIC: { description: 'In public: press, website, awards.' },
  },
});

@ObjectType('Milestone', { description: 'A milestone of a programme: due by a date, achieved on a date, with the organisations that contributed.' })
export class MilestoneType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;

  @Field()
  name!: string;

  @Field({ description: 'YYYY-MM-DD' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when it was achieved; empty until then.' })
  achievedOn!: string | null;

  @Field()
  achieved!: boolean;

  @Field({ description: 'Its due date is past (before today) and it is not achieved.' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Days past the due date: until today while not achieved, until it was achieved once achieved.' })
  daysOverdue!: number;

  @Field(() => ID, { nullable: true, description: 'The user who recorded the achievement.' })
  achievedByUserId!: string | null;
}

@ObjectType('MilestoneContributor', { description: 'An organisation that contributed to a milestone.' })
export class MilestoneContributorType {
  milestoneId!: string;
  organisationId!: string;

  @Field({ description: 'Whether a recognition for this milestone credits the organisation or one of its people.' })
  recognised!: boolean;
}

@ObjectType('Recognition', { description: 'Credit given to a person or an organisation taking part in a programme, and where it was made visible.' })
export class RecognitionType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;
  milestoneId!: string | null;
  creditedPersonId!: string | null;
  creditedOrganisationId!: string | null;
  recipientOrganisationId!: string;
  givenByPersonId!: string | null;
  givenByOrganisationId!: string | null;
  giverOrganisationId!: string;

  @Field({ description: 'What it recognises.' })
  reason!: string;

  @Field({ description: 'YYYY-MM-DD: when it was given.' })
  givenOn!: string;

  @Field(() => [RecognitionVisibility], { description: 'Where it was made visible (one or more).' })
  visibleIn!: RecognitionVisibility[];

  @Field({ description: "Whether it was made visible inside the credited party's own organisation." })
  visibleInOwnOrganisation!: boolean;

  @Field({ description: 'YYYY-MM-DD: when it was recorded here.' })
  recordedOn!: string;

  @Field(() => ID)
  recordedByUserId!: string;
}

@ObjectType('RecognitionsReceived', {
  description: 'Recognitions received in a period (by their date given), with how many were made visible where.',
})
export class RecognitionsReceivedType {
  @Field({ description: 'YYYY-MM-DD, included.' })
  from!: string;

  @Field({ description: 'YYYY-MM-DD, included.' })
  to!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'How many were made visible at the partnership.' })
  visibleOnPartnershipBoard!: number;

  @Field(() => Int, { description: "How many were made visible inside the recipient's own organisation." })
  visibleInOwnOrganisation!: number;

  @Field(() => Int, { description: 'How many were made public.' })
  visiblePublicly!: number;

  // Counted once: the field that returns this object already multiplies its cost by `first`.
  @Field(() => [RecognitionType], { description: 'The newest first (by date given), at most `first` of them.', complexity: listOf(1) })
  recognitions!: RecognitionType[];
}
