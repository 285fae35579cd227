import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@joinedup/graphql-kit';
import { Role } from '@joinedup/access';

@ObjectType('User', { description: 'A person who signs in to JoinedUp.' })
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The member organisation a member representative acts for.' })
  organisationId!: string | null;

  @Field()
  active!: boolean;

  @Field()
  createdAt!: Date;
}

export const UserConnection = ConnectionType(UserType, 'UserConnection');

@ObjectType('AuthSession', { description: 'Tokens of a signed-in session.' })
export class AuthSessionType {
  @Field({ description: 'Send as "Authorization: Bearer <accessToken>"; valid for about 15 minutes.' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Exchange with refreshSession for a new pair; each one works once.' })
  refreshToken!: string;

  @Field(() => UserType)
  user!: UserType;
}

@ObjectType('SignInLink', { description: 'Whom an emailed sign-in link that still works is for.' })
export class SignInLinkType {
  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field({ description: "The tenant's name." })
  tenantName!: string;

  @Field()
  expiresAt!: Date;
}
