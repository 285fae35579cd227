import { Args, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { Connection, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { AuditEventConnection, AuditEventType, AuditEventsArgs } from './audit-event.type';

interface AuditRow {
  id: string;
  occurred_at: Date;
  /** Full microsecond precision, for the cursor. */
  occurred_key: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

@Resolver(() => AuditEventType)
export class AuditResolver {
  constructor(private readonly db: TenantDb) {}

  @Roles(Role.TENANT_ADMIN, Role.COORDINATOR, Role.REVIEWER)
  @Query(() => AuditEventConnection, { description: 'The audit trail of one record, oldest first.' })
  async auditEvents(@Args() args: AuditEventsArgs): Promise<Connection<AuditEventType>> {
    const after = decodeCursor(args.after, 2);
    const rows = await this.db.query<AuditRow>(
      `select id, occurred_at, occurred_at::text as occurred_key, actor_user_id, action, entity_type, entity_id, before, after
         from audit_event
        where entity_type = $1 and entity_id = $2
          and ($3::timestamptz is null or (occurred_at, id) > ($3::timestamptz, $4::uuid))
        order by occurred_at, id
        limit $5`,
      [args.entityType.toUpperCase(), args.entityId, after?.[0] ?? null, after?.[1] ?? null, args.first + 1],
    );
    return toConnection(
      rows,
      args.first,
      (r) => [r.occurred_key, r.id],
      (r) => ({
        id: r.id,
        occurredAt: r.occurred_at,
        actorUserId: r.actor_user_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
      }),
    );
  }
}
