import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from '@joinedup/audit';
import { ConnectionType } from '@joinedup/graphql-kit';
import { GovernanceEventType } from '../governance.events';

/** The events an endpoint can subscribe to; the values are the `type` of the body delivered. */
export enum WebhookEvent {
  FLAG_RAISED = 'flag.raised',
  FLAG_RESOLVED = 'flag.resolved',
  HEALTH_CHANGED = 'health.changed',
}
// Compile-time check: the enum's values are exactly the engine's event types.
const sameEvents: [`${WebhookEvent}`] extends [GovernanceEventType] ? ([GovernanceEventType] extends [`${WebhookEvent}`] ? true : never) : never = true;
void sameEvents;

export enum WebhookDeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'A governance event delivered to webhook endpoints; the body\'s "type" and the JoinedUp-Event header carry its value.',
  valuesMap: {
    FLAG_RAISED: { description: '"flag.raised": a scan raised a flag.' },
    FLAG_RESOLVED: { description: '"flag.resolved": a scan found a flag\'s cause gone and resolved it.' },
    HEALTH_CHANGED: { description: '"health.changed": a programme\'s or locality\'s overall health score moved.' },
  },
});
registerEnumType(WebhookDeliveryState, {
  name: 'WebhookDeliveryState',
  valuesMap: {
    PENDING: { description: 'Waiting to be sent, or to be retried.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed, the address was refused, or the endpoint was deactivated first.' },
  },
});

@ObjectType('WebhookEndpoint', { description: 'Where governance events are delivered, signed with the endpoint\'s secret. Tenant administrators only.' })
export class WebhookEndpointType {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field(() => [WebhookEvent])
  events!: WebhookEvent[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field({ description: 'Only active endpoints receive deliveries.' })
  active!: boolean;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  deactivatedAt!: Date | null;
}

@ObjectType('WebhookEndpointWithSecret', {
  description: 'An endpoint with its signing secret: shown only when it is made or rotated, so keep it then.',
})
export class WebhookEndpointWithSecretType {
  @Field(() => WebhookEndpointType)
  endpoint!: WebhookEndpointType;

  @Field({ description: 'The HMAC-SHA256 key of the JoinedUp-Signature header (32 random bytes, base64url).' })
  secret!: string;
}

@ObjectType('WebhookDelivery', { description: 'One event sent (or to be sent) to one endpoint, with its last attempt.' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: 'Also the body\'s "id" and the JoinedUp-Delivery header.' })
  id!: string;

  @Field(() => WebhookEvent)
  eventType!: WebhookEvent;

  @Field(() => WebhookDeliveryState)
  state!: WebhookDeliveryState;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last attempt; empty when it did not answer." })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => GraphQLJSON, { description: 'The JSON body sent.' })
  payload!: unknown;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDeliveryType, 'WebhookDeliveryConnection');
