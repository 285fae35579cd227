import { OutboxWriter } from '@joinedup/database';
import { DomainEventName, DomainEventPayloads } from './domain-events';

/**
 * Records a domain event in the outbox, in the transaction of the change it reports: the
 * one way to record one, so its name is catalogued and its payload is the one the name
 * calls for.
 */
export function recordEvent<K extends DomainEventName>(outbox: OutboxWriter, type: K, payload: DomainEventPayloads[K]): Promise<string> {
  return outbox.record(type, { ...payload });
}

/** Records events of one kind in one statement, as recordEvent would one by one. */
export function recordEvents<K extends DomainEventName>(outbox: OutboxWriter, type: K, payloads: DomainEventPayloads[K][]): Promise<void> {
  return outbox.recordAll(type, payloads.map((payload) => ({ ...payload })));
}
