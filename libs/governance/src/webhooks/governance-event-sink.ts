import { Injectable } from '@nestjs/common';
import { OutboxWriter, TenantDb } from '@joinedup/database';
import { DOMAIN_EVENT, recordEvent } from '@joinedup/events';
import { GovernanceEvent, GovernanceEventType } from '../governance.events';
import { DELIVERY_IDS_PER_EVENT } from './webhook.contract';

/**
 * Where a scan hands what it raised, resolved and re-scored, inside the scan's
 * transaction: the deliveries and the outbox events that queue them commit with the
 * flags or not at all, so nothing is announced that was rolled back, and nothing is lost
 * while the queue store is down.
 */
@Injectable()
export class GovernanceEventSink {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The event types some active endpoint of the current tenant wants (the scan builds only those). */
  async wantedTypes(): Promise<Set<GovernanceEventType>> {
    const rows = await this.db.query<{ type: GovernanceEventType }>(
      `select distinct unnest(events) as type from webhook_endpoint where active`,
    );
    return new Set(rows.map((row) => row.type));
  }

  /** One delivery per event and active endpoint subscribed to its type, in one statement. */
  async publish(events: GovernanceEvent[]): Promise<void> {
    if (!events.length) return;
    const rows = await this.db.query<{ id: string }>(
      `with event as (
         select e.n as ordinality, e.event->>'type' as type, e.event->'data' as data
           from jsonb_array_elements($1::jsonb) with ordinality as e(event, n)
       ),
       delivery as materialized (
         select gen_random_uuid() as id, w.id as endpoint_id, event.type, event.data, event.ordinality
           from event join webhook_endpoint w on w.active and event.type = any(w.events)
       )
       insert into webhook_delivery (tenant_id, id, endpoint_id, event_type, payload, created_at)
       select nullif(current_setting('app.tenant_id', true), '')::uuid, d.id, d.endpoint_id, d.type,
              jsonb_build_object('id', d.id, 'type', d.type, 'createdAt', $2::text, 'data', d.data), $2::timestamptz
         from delivery d
        order by d.ordinality, d.endpoint_id
       returning id`,
      [JSON.stringify(events), new Date().toISOString()],
    );
    const ids = rows.map((row) => row.id);
    for (let start = 0; start < ids.length; start += DELIVERY_IDS_PER_EVENT) {
      await recordEvent(this.outbox, DOMAIN_EVENT.webhookDeliveriesCreated, { deliveryIds: ids.slice(start, start + DELIVERY_IDS_PER_EVENT) });
    }
  }
}
