import { Injectable } from '@nestjs/common';
import { requestContext } from '@joinedup/context';
import { TenantDb } from '@joinedup/database';
import { AuditEntityType } from './audit-visibility';

export interface AuditEntry {
  /** What was done, as `entity.verb`: `locality.created`, `nomination.endorsed`. */
  action: string;
  /** Who may read this entry follows from it (see AUDIT_READERS). */
  entityType: AuditEntityType;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes the audit trail in the transaction of the change it describes. */
@Injectable()
export class AuditWriter {
  constructor(private readonly db: TenantDb) {}

  async record(entry: AuditEntry): Promise<void> {
    const scope = requestContext.current()?.scope;
    await this.db.query(
      `insert into audit_event (tenant_id, actor_user_id, action, entity_type, entity_id, before, after)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        scope?.tenantId,
        scope?.userId || null,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }
}
