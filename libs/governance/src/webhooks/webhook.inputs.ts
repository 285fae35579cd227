import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { IsId, IsName, IsOptionalText, PageArgs } from '@joinedup/graphql-kit';
import { WebhookDeliveryState, WebhookEvent } from './webhook.types';

export const MAX_WEBHOOK_URL = 2000;
export const MAX_WEBHOOK_DESCRIPTION = 500;
const EVENT_COUNT = Object.keys(WebhookEvent).length;

/** The events of an endpoint: one or more, each once. */
const IsEventList = () =>
  applyDecorators(
    ArrayMinSize(1, { message: 'events must name at least one event' }),
    ArrayMaxSize(EVENT_COUNT),
    ArrayUnique({ message: 'events must name each event once' }),
    IsEnum(WebhookEvent, { each: true }),
  );

@InputType()
export class RegisterWebhookEndpointInput {
  @Field({ description: `https URL (at most ${MAX_WEBHOOK_URL} characters) on a public address.` })
  @IsName(MAX_WEBHOOK_URL)
  url!: string;

  @Field(() => [WebhookEvent])
  @IsEventList()
  events!: WebhookEvent[];

  @Field(() => String, { nullable: true, description: `What receives it, for your colleagues (at most ${MAX_WEBHOOK_DESCRIPTION} characters).` })
  @IsOptionalText(MAX_WEBHOOK_DESCRIPTION)
  description?: string | null;
}

@InputType({ description: 'Changes the fields given; a field left out stays as it is.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  @IsId()
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName(MAX_WEBHOOK_URL)
  url?: string | null;

  @Field(() => [WebhookEvent], { nullable: true })
  @IsOptional()
  @IsEventList()
  events?: WebhookEvent[] | null;

  @Field(() => String, { nullable: true, description: 'An empty description removes it.' })
  @IsOptionalText(MAX_WEBHOOK_DESCRIPTION)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false stops deliveries to it (those still waiting are not sent); true resumes them.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID)
  @IsId()
  endpointId!: string;

  @Field(() => WebhookDeliveryState, { nullable: true, description: 'Only deliveries in this state.' })
  @IsOptional()
  @IsEnum(WebhookDeliveryState)
  state?: WebhookDeliveryState | null;
}
