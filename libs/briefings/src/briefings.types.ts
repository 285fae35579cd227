import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@joinedup/graphql-kit';
import { CascadeLevel } from './briefing-rules';

registerEnumType(CascadeLevel, {
  name: 'CascadeLevel',
  description: 'How far inside a recipient organisation a briefing was passed on.',
  valuesMap: {
    LEADERSHIP_ONLY: { description: 'Its leadership (the chief officer, the board) only.' },
    MANAGERS: { description: 'Down to its managers.' },
    FRONT_LINE: { description: 'Down to the front-line staff doing the work.' },
    WHOLE_ORGANISATION: { description: 'Everyone in the organisation.' },
  },
});

@ObjectType('Briefing', { description: 'A communication of programme activity to the organisations taking part.' })
export class BriefingType {
  @Field(() => ID)
  id!: string;

  programmeId!: string;
  issuedByOrganisationId!: string | null;

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field({ description: 'YYYY-MM-DD: the date it was issued.' })
  issuedOn!: string;

  @Field(() => String, { nullable: true, description: 'An https link to the full briefing.' })
  link!: string | null;

  @Field(() => ID)
  issuedByUserId!: string;

  @Field({ description: 'When it was recorded; its recipients are the organisations taking part then.' })
  issuedAt!: Date;
}

export const BriefingConnection = ConnectionType(BriefingType, 'BriefingConnection');

@ObjectType('BriefingAcknowledgement', { description: "A recipient organisation's acknowledgement of a briefing." })
export class BriefingAcknowledgementType {
  @Field(() => ID)
  id!: string;

  briefingId!: string;
  organisationId!: string;

  @Field(() => CascadeLevel, { description: 'How far inside the organisation it was passed on.' })
  cascade!: CascadeLevel;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => ID, { description: 'The representative who acknowledged it.' })
  acknowledgedByUserId!: string;

  @Field()
  acknowledgedAt!: Date;
}

@ObjectType('BriefingRecipient', { description: 'An organisation a briefing was sent to, with its acknowledgement now.' })
export class BriefingRecipientType {
  briefingId!: string;
  organisationId!: string;

  @Field(() => BriefingAcknowledgementType, { nullable: true, description: 'The latest acknowledgement; empty until it acknowledges.' })
  acknowledgement!: BriefingAcknowledgementType | null;

  @Field(() => Date, { nullable: true, description: 'When it first acknowledged the briefing.' })
  firstAcknowledgedAt!: Date | null;
}

@ObjectType('CascadeCount')
export class CascadeCountType {
  @Field(() => CascadeLevel)
  cascade!: CascadeLevel;

  @Field(() => Int)
  count!: number;
}

@ObjectType('BriefingAcknowledgementCounts', { description: 'How many recipients acknowledged a briefing, and how far it went.' })
export class BriefingAcknowledgementCountsType {
  @Field(() => Int, { description: 'Organisations it was sent to.' })
  recipients!: number;

  @Field(() => Int)
  acknowledged!: number;

  @Field(() => Int)
  pending!: number;

  @Field(() => Float, { nullable: true, description: 'acknowledged / recipients, 0 to 1; empty when it went to nobody.' })
  rate!: number | null;

  @Field(() => [CascadeCountType], { description: 'Acknowledged recipients by their latest cascade, every level listed, narrowest first.' })
  byCascade!: CascadeCountType[];
}

@ObjectType('BriefingAcknowledgementRecord', {
  description:
    "An organisation's acknowledgement of the briefings sent to it that were issued in a period (both dates included), " +
    'counting acknowledgements whenever they were given.',
})
export class BriefingAcknowledgementRecordType {
  organisationId!: string;

  @Field({ description: 'YYYY-MM-DD' })
  from!: string;

  @Field({ description: 'YYYY-MM-DD' })
  to!: string;

  @Field(() => Int, { description: 'Briefings issued in the period that were sent to the organisation.' })
  received!: number;

  @Field(() => Int)
  acknowledged!: number;

  @Field(() => Int, { description: 'received − acknowledged: briefings it has not acknowledged.' })
  unacknowledgedCount!: number;

  @Field(() => Float, { nullable: true, description: 'acknowledged / received, 0 to 1; empty when it received none.' })
  rate!: number | null;

  @Field(() => [CascadeCountType], { description: 'Acknowledged briefings by their latest cascade, every level listed, narrowest first.' })
  byCascade!: CascadeCountType[];
}
