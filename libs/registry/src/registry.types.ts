import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@joinedup/graphql-kit';
import { Sector } from './sector';

@ObjectType('Locality', { description: 'A place served by a partnership, with up to 40 active member bodies.' })
export class LocalityType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Unique in the tenant, e.g. an ONS code such as E08000037.' })
  code!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => Int)
  activeMemberCount!: number;

  @Field(() => Date, { nullable: true })
  archivedAt!: Date | null;
}

export const LocalityConnection = ConnectionType(LocalityType, 'LocalityConnection');

@ObjectType('Organisation', { description: 'A member body: council, NHS trust, police, voluntary group…' })
export class OrganisationType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => String, { nullable: true })
  externalRef!: string | null;
}

export const OrganisationConnection = ConnectionType(OrganisationType, 'OrganisationConnection');

@ObjectType('Membership', { description: "A member body's membership of a locality." })
export class MembershipType {
  @Field(() => ID)
  id!: string;

  localityId!: string;
  organisationId!: string;

  @Field({ description: 'YYYY-MM-DD' })
  joinedOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; empty while the body is an active member.' })
  leftOn!: string | null;
}

@ObjectType('Competency')
export class CompetencyType {
  @Field()
  name!: string;

  @Field(() => Int, { description: '1 (aware) to 5 (expert).' })
  level!: number;
}

@ObjectType('Person', { description: 'Someone who works for a member body.' })
export class PersonType {
  @Field(() => ID)
  id!: string;

  organisationId!: string;

  @Field()
  fullName!: string;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field({ description: 'Marked to represent their member body (a tenant administrator gives them a MEMBER_REPRESENTATIVE user).' })
  representsBody!: boolean;
}

export const PersonConnection = ConnectionType(PersonType, 'PersonConnection');
