import { Injectable } from '@nestjs/common';
import { GovernanceEvent, GovernanceEventType } from '../governance.events';

/**
 * Where a scan hands what it raised, resolved and re-scored, inside the scan's
 * transaction (so nothing is announced that was rolled back).
 * TODO(webhooks): replaced by the webhook dispatcher.
 */
@Injectable()
export class GovernanceEventSink {
  /** The event types some active endpoint of the current tenant wants (the scan builds only those). */
  async wantedTypes(): Promise<Set<GovernanceEventType>> {
    return new Set();
  }

  async publish(_events: GovernanceEvent[]): Promise<void> {}
}
