import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayUnique, IsIn } from 'class-validator';
import { MAIL_KINDS, MAIL_KIND_NAMES, MailKind, PERSON_MAIL_KIND, UNSUBSCRIBE_KIND_NAMES, UnsubscribeKind } from './mail-kinds';

/** The GraphQL enum of MAIL_KINDS (the list is the contract; this only names it in the schema). */
export const MailKindEnum = Object.fromEntries(MAIL_KINDS.map((kind) => [kind, kind])) as { [K in MailKind]: K };

registerEnumType(MailKindEnum, {
  name: 'MailKind',
  description: 'A kind of mail a user can switch off. Every kind is on until its user switches it off.',
  valuesMap: Object.fromEntries(MAIL_KINDS.map((kind) => [kind, { description: `Sends ${MAIL_KIND_NAMES[kind]}.` }])),
});

const UNSUBSCRIBE_KINDS = [...MAIL_KINDS, PERSON_MAIL_KIND] as const;
export const UnsubscribeKindEnum = Object.fromEntries(UNSUBSCRIBE_KINDS.map((kind) => [kind, kind])) as { [K in UnsubscribeKind]: K };

registerEnumType(UnsubscribeKindEnum, {
  name: 'UnsubscribeKind',
  description: "What an unsubscribe link stops: one of a user's MailKinds, or (HEALTH_CHECK) a person's health-check invitations and reminders.",
  valuesMap: Object.fromEntries(UNSUBSCRIBE_KINDS.map((kind) => [kind, { description: `Stops ${UNSUBSCRIBE_KIND_NAMES[kind]}.` }])),
});

@ObjectType('MailPreferences', { description: 'Which mail the signed-in user receives.' })
export class MailPreferencesType {
  @Field(() => [MailKindEnum], { description: 'The kinds switched on, in MailKind order.' })
  kindsOn!: MailKind[];

  @Field(() => [MailKindEnum], { description: 'The kinds switched off (by this page or by an unsubscribe link), in MailKind order.' })
  kindsOff!: MailKind[];

  @Field({ description: 'Whether the weekly digest (DIGEST) is on; only coordinators and reviewers are sent one.' })
  digest!: boolean;
}

@InputType()
export class UpdateMyMailPreferencesInput {
  @Field(() => [MailKindEnum], { description: 'Every kind to receive; the kinds not listed are switched off.' })
  @ArrayMaxSize(MAIL_KINDS.length)
  @ArrayUnique({ message: 'kindsOn must list each kind once' })
  @IsIn(MAIL_KINDS, { each: true })
  kindsOn!: MailKind[];
}

@ObjectType('MailUnsubscribeLink', { description: 'What an unsubscribe link stops, and whether it is stopped already.' })
export class MailUnsubscribeLinkType {
  @Field(() => UnsubscribeKindEnum)
  kind!: UnsubscribeKind;

  @Field({ description: 'How the kind is named to people, e.g. "the weekly digest of flags and health".' })
  kindName!: string;

  @Field({ description: 'Whether this kind is still sent to the user (or person) the link names.' })
  subscribed!: boolean;
}
