import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from './json.scalar';
import { ConnectionType, IsId, PageArgs } from '@joinedup/graphql-kit';
import { IsString, Length } from 'class-validator';
import { AUDIT_ENTITY_TYPES } from './audit-visibility';

@ObjectType('AuditEvent', { description: 'Who changed what, when; append-only.' })
export class AuditEventType {
  @Field(() => ID)
  id!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => ID, { nullable: true })
  actorUserId!: string | null;

  @Field()
  action!: string;

  @Field()
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after!: unknown;
}

export const AuditEventConnection = ConnectionType(AuditEventType, 'AuditEventConnection');

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field({ description: `One of ${AUDIT_ENTITY_TYPES.join(', ')}.` })
  @IsString()
  @Length(1, 50)
  entityType!: string;

  @Field(() => ID)
  @IsId()
  entityId!: string;
}
