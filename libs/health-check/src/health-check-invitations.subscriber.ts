import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { TenantDb } from '@joinedup/database';
import { DomainEventJob, DomainEventSubscribers } from '@joinedup/jobs';
import { HEALTH_CHECK_INVITATIONS_CREATED, HealthCheckInvitationsCreatedPayload } from './health-check.events';
import { INVITATION_SENDER, InvitationSender } from './invitation-sender';

/**
 * Hands new invitations to the InvitationSender, then strips the links from the stored
 * outbox event (kept for days after dispatch), so the database holds no link beside the
 * person it was sent to once it has been passed on.
 */
@Injectable()
export class HealthCheckInvitationsSubscriber implements OnModuleInit {
  constructor(
    private readonly subscribers: DomainEventSubscribers,
    private readonly db: TenantDb,
    @Inject(INVITATION_SENDER) private readonly sender: InvitationSender,
  ) {}

  /** Subscribed before any bootstrap hook starts consuming domain events: an event nobody hears is dropped. */
  onModuleInit(): void {
    this.subscribers.subscribe(HEALTH_CHECK_INVITATIONS_CREATED, (event) => this.deliver(event));
  }

  private async deliver(event: DomainEventJob): Promise<void> {
    const { roundId, invitations } = event.payload as HealthCheckInvitationsCreatedPayload;
    const withLinks = (invitations ?? []).flatMap((i) => (i.link ? [{ personId: i.personId, link: i.link }] : []));
    if (withLinks.length) await this.sender.send({ tenantId: event.tenantId, roundId, invitations: withLinks });
    await this.db.query(
      `update outbox_event
          set payload = jsonb_set(payload, '{invitations}',
                                  coalesce((select jsonb_agg(i - 'link') from jsonb_array_elements(payload -> 'invitations') i), '[]'))
        where id = $1 and payload ? 'invitations'`,
      [event.eventId],
    );
  }
}
