import { DomainEventJob, DomainEventSubscribers } from '@joinedup/jobs';
import { DomainEventName, DomainEventPayloads } from './domain-events';

/** A domain-event job whose payload is the one its name calls for. */
export type DomainEvent<K extends DomainEventName> = Omit<DomainEventJob, 'type' | 'payload'> & {
  type: K;
  payload: DomainEventPayloads[K];
};

/**
 * Subscribes a handler to one catalogued event, typed by its name. The payload is the one
 * recorded when the job was queued: a consumer of an event recorded before a field was
 * added must allow for that field's absence.
 */
export function onEvent<K extends DomainEventName>(
  subscribers: DomainEventSubscribers,
  type: K,
  handler: (event: DomainEvent<K>) => Promise<void>,
): void {
  subscribers.subscribe(type, (job) => handler(job as DomainEvent<K>));
}
