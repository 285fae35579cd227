import { GovernanceEventType } from '../governance.events';

/**
 * Names and payloads the webhooks share with stored data: the outbox event, the queue
 * and its job. A stored contract, so they change only by adding.
 */

/** Delivery ids per outbox event, so one event never becomes an unbounded bulk of jobs. */
export const DELIVERY_IDS_PER_EVENT = 500;

export const WEBHOOK_QUEUE = 'webhooks';
export const WEBHOOK_JOB = { deliver: 'deliver-webhook' } as const;
export type DeliverWebhookJob = { tenantId: string; deliveryId: string };

/** What a receiver gets: the same body, with the same id, on every attempt. */
export interface WebhookBody<D = unknown> {
  /** The delivery's id: a receiver that saw it before has already handled the event. */
  id: string;
  type: GovernanceEventType;
  createdAt: string;
  data: D;
}

export const WEBHOOK_HEADERS = {
  event: 'JoinedUp-Event',
  delivery: 'JoinedUp-Delivery',
  signature: 'JoinedUp-Signature',
} as const;
export const WEBHOOK_USER_AGENT = 'JoinedUp-Webhooks/1';

/** At most this many endpoints of a tenant are active at once (the database keeps it too). */
export const MAX_ACTIVE_WEBHOOK_ENDPOINTS = 10;
