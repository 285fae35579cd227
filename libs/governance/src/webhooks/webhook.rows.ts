import { WebhookDeliveryState, WebhookDeliveryType, WebhookEndpointType, WebhookEvent } from './webhook.types';

/** An endpoint as read from `webhook_endpoint`: never its secret. */
export interface EndpointRow {
  id: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  deactivated_at: Date | null;
}
export const ENDPOINT_COLUMNS = 'id, url, events, description, active, created_at, updated_at, deactivated_at';

export const toEndpoint = (row: EndpointRow): WebhookEndpointType => ({
  id: row.id,
  url: row.url,
  events: row.events,
  description: row.description,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deactivatedAt: row.deactivated_at,
});

export interface DeliveryRow {
  id: string;
  event_type: WebhookEvent;
  state: WebhookDeliveryState;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  /** created_at with full precision, for cursors. */
  created_key: string;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  payload: unknown;
}
export const DELIVERY_COLUMNS =
  'id, event_type, state, attempts, last_status_code, last_error, created_at, created_at::text as created_key, last_attempt_at, delivered_at, payload';

export const toDelivery = (row: DeliveryRow): WebhookDeliveryType => ({
  id: row.id,
  eventType: row.event_type,
  state: row.state,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createdAt: row.created_at,
  lastAttemptAt: row.last_attempt_at,
  deliveredAt: row.delivered_at,
  payload: row.payload,
});
