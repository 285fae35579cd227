import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from './password-hasher';
import { Role } from '@joinedup/access';

@InputType()
export class SignInInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;

  @Field({ description: "Your organisation's JoinedUp name (the tenant slug)." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  tenant!: string;
}

@InputType()
export class RefreshSessionInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  refreshToken!: string;
}

@InputType()
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description: `At least ${MIN_PASSWORD_LENGTH} characters and hard to guess: common passwords, repeats, sequences and the user's own name or email are refused. Leave it out with sendSignInLink.`,
  })
  @ValidateIf((input: CreateUserInput) => input.password != null)
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, 200, { message: `password must be ${MIN_PASSWORD_LENGTH} to 200 characters long` })
  password?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: no password is given; JoinedUp emails the user a link to choose one (as sendSignInLink does). Needs SMTP_URL.',
  })
  @IsOptional()
  @IsBoolean()
  sendSignInLink?: boolean | null;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Required for a MEMBER_REPRESENTATIVE: the organisation they act for.' })
  @ValidateIf((input: CreateUserInput) => input.role === Role.MEMBER_REPRESENTATIVE || input.organisationId != null)
  @IsUUID('all', { message: 'organisationId must be the id of a member organisation' })
  organisationId?: string | null;
}

@InputType()
export class ChangeUserRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId must be a user id' })
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'Required when the new role is MEMBER_REPRESENTATIVE.' })
  @ValidateIf((input: ChangeUserRoleInput) => input.role === Role.MEMBER_REPRESENTATIVE || input.organisationId != null)
  @IsUUID('all', { message: 'organisationId must be the id of a member organisation' })
  organisationId?: string | null;
}

@InputType()
export class DeactivateUserInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId must be a user id' })
  userId!: string;
}

@InputType()
export class SendSignInLinkInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'userId must be a user id' })
  userId!: string;
}

@InputType()
export class SetPasswordWithLinkInput {
  @Field({ description: 'The token of the emailed link (what follows set-password/).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  token!: string;

  @Field({ description: `The new password: at least ${MIN_PASSWORD_LENGTH} characters and hard to guess.` })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}
