import { MAX_WEBHOOK_DESCRIPTION, MAX_WEBHOOK_URL } from '@joinedup/governance';
import type { WebhookDeliveryState, WebhookEvent } from '../graphql/generated';
import { FieldError } from '../health-check/answer-form';
import { FormReader } from '../manage/form-reader';

/** The events an endpoint may be told of, as the API names them, with the body's "type". */
export const WEBHOOK_EVENTS = [
  { value: 'FLAG_RAISED', text: 'A scan raised a flag', hint: 'flag.raised' },
  { value: 'FLAG_RESOLVED', text: 'A scan resolved a flag', hint: 'flag.resolved' },
  { value: 'HEALTH_CHANGED', text: 'A programme’s or locality’s health score moved', hint: 'health.changed' },
] as const satisfies readonly { value: WebhookEvent; text: string; hint: string }[];

export const DELIVERY_STATES = [
  { value: 'PENDING', text: 'Waiting', tag: 'govuk-tag--blue' },
  { value: 'DELIVERED', text: 'Delivered', tag: 'govuk-tag--green' },
  { value: 'FAILED', text: 'Failed', tag: 'govuk-tag--red' },
] as const satisfies readonly { value: WebhookDeliveryState; text: string; tag: string }[];

export interface WebhookFormValues {
  url: string;
  events: string[];
  description: string;
}

export const EMPTY_WEBHOOK_FORM: WebhookFormValues = { url: '', events: [], description: '' };

/** Registering or editing an endpoint: an https URL, at least one event, an optional description. */
export function readWebhookForm(body: Record<string, unknown>): { values: WebhookFormValues; errors: FieldError[]; input?: { url: string; events: WebhookEvent[]; description: string } } {
  const form = new FormReader(body);
  // The API also refuses addresses that are private, loopback or do not resolve: its words go beside the field.
  const url = form.link('url', { what: 'the address to send events to', max: MAX_WEBHOOK_URL, required: true });
  const events = form.many('events', WEBHOOK_EVENTS.map((e) => e.value), 'at least one event', { min: 1 }) as WebhookEvent[];
  const description = form.text('description', { what: 'a description', max: MAX_WEBHOOK_DESCRIPTION, required: false });
  const values = { url, events, description };
  if (!form.ok) return { values, errors: form.errors };
  return { values, errors: [], input: { url, events, description } };
}

/** The form fields an API refusal names. */
export const WEBHOOK_FIELDS: Record<string, string> = { url: '#url', events: '#events', description: '#description' };
