import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEventJob, DomainEventSubscribers } from '@joinedup/jobs';
import { HEALTH_CHECK_INVITATIONS_CREATED, HealthCheckInvitationsCreatedPayload } from './health-check.events';
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
    this.subscribers.subscribe(HEALTH_CHECK_INVITATIONS_CREATED, (event) => this.deliver(event));
  }

  private async deliver(event: DomainEventJob): Promise<void> {
    const { roundId, invitationIds } = event.payload as HealthCheckInvitationsCreatedPayload;
    // Events recorded before the payload held ids carry none: nothing to send.
    if (invitationIds?.length) await this.sender.send({ tenantId: event.tenantId, roundId, invitationIds });
  }
}
