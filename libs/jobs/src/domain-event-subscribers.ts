import { Injectable } from '@nestjs/common';
import { DomainEventJob } from './queue-names';

export type DomainEventHandler = (event: DomainEventJob) => Promise<void>;

/**
 * Domain libraries subscribe here to the events they react to. A job for an event type
 * nobody subscribes to is simply acknowledged: the outbox records more than is consumed.
 */
@Injectable()
export class DomainEventSubscribers {
  private readonly handlers = new Map<string, DomainEventHandler[]>();

  subscribe(type: string, handler: DomainEventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  handlersFor(type: string): DomainEventHandler[] {
    return this.handlers.get(type) ?? [];
  }
}
