import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, afterPart, column, dateTimeColumn, pageArgs, uuidArg } from '@joinedup/graphql-kit';
import { JSONB_TEXT } from '../governance-json-read';
import { WebhookEndpointsResolver } from './webhook-endpoints.resolver';
import { DELIVERY_ORDER, ENDPOINT_ORDER, endpointDeliveries, listedEndpoints } from './webhook-endpoints.service';
import { WebhookEvent } from './webhook.types';

/** A stored event type ('flag.raised') as its GraphQL name (FLAG_RAISED). */
const eventName = (stored: string) =>
  `case ${stored} ${Object.entries(WebhookEvent)
    .map(([name, value]) => `when '${value}' then '${name}'`)
    .join(' ')} end`;

/** An optional enum argument: GraphQL has checked it; absent binds null. */
const optionalEnumArg: ArgRule = (value) => ({ value: value ?? null });

/**
 * Webhooks' part of JsonReads (tenant administrators only): the endpoints and an endpoint's
 * delivery log, without the payloads (jsonb, which PostgreSQL writes spaced).
 */
@Injectable()
export class WebhookJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addFields('Query', {
      webhookEndpoints: {
        roles: rolesOf(WebhookEndpointsResolver.prototype.webhookEndpoints),
        many: (_row, e) => listedEndpoints(e),
        orderBy: ENDPOINT_ORDER,
      },
      webhookDeliveries: {
        roles: rolesOf(WebhookEndpointsResolver.prototype.webhookDeliveries),
        args: { ...pageArgs(['timestamp', 'uuid']), endpointId: uuidArg, state: optionalEnumArg },
        // As WebhookEndpointsService.deliveries: an endpoint that is not there is NOT_FOUND.
        requires: (scope) => `exists (select from webhook_endpoint e where e.id = ${scope.arg('endpointId')}::uuid)`,
        page: (_row, d, scope) =>
          `from webhook_delivery ${d} where ${endpointDeliveries(d, scope.arg('endpointId'), scope.arg('state'), afterPart(scope, 1), afterPart(scope, 2))}`,
        orderBy: DELIVERY_ORDER.orderBy,
        cursor: DELIVERY_ORDER.cursor,
      },
    });
    this.reads.addFields('WebhookEndpoint', {
      id: column('id'),
      url: column('url'),
      events: { value: (row) => `array(select ${eventName('u.event')} from unnest(${row}.events) with ordinality u(event, n) order by u.n)` },
      description: column('description'),
      active: column('active'),
      createdAt: dateTimeColumn('created_at'),
      updatedAt: dateTimeColumn('updated_at'),
      deactivatedAt: dateTimeColumn('deactivated_at'),
    });
    this.reads.addFields('WebhookDelivery', {
      id: column('id'),
      eventType: { value: (row) => eventName(`${row}.event_type`) },
      state: column('state'),
      attempts: column('attempts'),
      lastStatusCode: column('last_status_code'),
      lastError: column('last_error'),
      createdAt: dateTimeColumn('created_at'),
      lastAttemptAt: dateTimeColumn('last_attempt_at'),
      deliveredAt: dateTimeColumn('delivered_at'),
    });
    this.reads.leaveExecuted('WebhookDelivery', JSONB_TEXT, ['payload']);
  }
}
