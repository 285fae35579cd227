import { Injectable } from '@nestjs/common';
import { requestContext } from '@joinedup/context';
import { TenantDb } from './tenant-db';

/**
 * Records a domain event in the outbox, in the same transaction as the change that
 * causes it: if the change commits, the event is certain to reach the job queue later;
 * if it rolls back, the event never existed.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly db: TenantDb) {}

  async record(type: string, payload: Record<string, unknown>): Promise<string> {
    const tenantId = requestContext.current()?.scope?.tenantId;
    const [row] = await this.db.query<{ id: string }>(
      `insert into outbox_event (tenant_id, type, payload) values ($1, $2, $3) returning id`,
      [tenantId, type, payload],
    );
    return row.id;
  }

  /** Records events of one type in one statement (an import's hundreds), in the order given. */
  async recordAll(type: string, payloads: Record<string, unknown>[]): Promise<void> {
    if (!payloads.length) return;
    const tenantId = requestContext.current()?.scope?.tenantId;
    await this.db.query(
      `insert into outbox_event (tenant_id, type, payload)
       select $1, $2, p from jsonb_array_elements($3::jsonb) with ordinality as e(p, n) order by n`,
      [tenantId, type, JSON.stringify(payloads)],
    );
  }
}
