import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DOMAIN_EVENT, DomainEvent, onEvent } from '@joinedup/events';
import { DomainEventSubscribers } from '@joinedup/jobs';
import { INVITATION_SENDER, InvitationSender } from './invitation-sender';

/** Hands new invitations (their ids, never links) to the InvitationSender. */
@Injectable()
export class HealthCheckInvitationsSubscriber implements OnModuleInit {
  constructor(
    private readonly subscribers: DomainEventSubscribers,
    @Inject(INVITATION_SENDER) private readonly sender: InvitationSender,
  ) {}

  /** Subscribed before any bootstrap hook starts consuming domain events: an event nobody hears is dropped. */
  onModuleInit(): void {
    onEvent(this.subscribers, DOMAIN_EVENT.healthCheckInvitationsCreated, (event) => this.deliver(event));
  }

  private async deliver(event: DomainEvent<typeof DOMAIN_EVENT.healthCheckInvitationsCreated>): Promise<void> {
    const { roundId, invitationIds } = event.payload;
    // Events recorded before the payload held ids carry none: nothing to send.
    if (invitationIds?.length) await this.sender.send({ tenantId: event.tenantId, roundId, invitationIds });
  }
}
