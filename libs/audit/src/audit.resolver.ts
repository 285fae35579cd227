import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessReason, CurrentPrincipal, Principal, Roles, onlyRolesMay } from '@joinedup/access';
import { TenantDb } from '@joinedup/database';
import { badInput, forbidden } from '@joinedup/errors';
import { Connection, InputReason, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { AuditEventConnection, AuditEventType, AuditEventsArgs } from './audit-event.type';
import { AUDIT_ENTITY_TYPES, AUDIT_READERS, AUDIT_ROLES, AuditEntityType, isAuditEntityType, mayReadAudit } from './audit-visibility';

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

  @Roles(...AUDIT_ROLES)
  @Query(() => AuditEventConnection, {
    description: 'The audit trail of one record, oldest first; readable by whoever may read that kind of record.',
  })
  async auditEvents(@CurrentPrincipal() principal: Principal, @Args() args: AuditEventsArgs): Promise<Connection<AuditEventType>> {
    const entityType = readableEntityType(principal, args.entityType);
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const rows = await this.db.query<AuditRow>(
      `select id, occurred_at, occurred_at::text as occurred_key, actor_user_id, action, entity_type, entity_id, before, after
         from audit_event
        where entity_type = $1 and entity_id = $2
          and ($3::timestamptz is null or (occurred_at, id) > ($3::timestamptz, $4::uuid))
        order by occurred_at, id
        limit $5`,
      [entityType, args.entityId, after?.[0] ?? null, after?.[1] ?? null, args.first + 1],
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

/**
 * The entity type asked for, if the caller may read records of that type. FORBIDDEN rather
 * than an empty list: the kinds of record are public (listed in the schema), only their
 * contents are not.
 */
function readableEntityType(principal: Principal, asked: string): AuditEntityType {
  const entityType = asked.trim().toUpperCase();
  if (!isAuditEntityType(entityType)) {
    throw badInput(`entityType must be one of ${AUDIT_ENTITY_TYPES.join(', ')}.`, 'entityType', InputReason.NOT_AN_ENUM_VALUE);
  }
  if (!mayReadAudit(principal.role, entityType)) {
    throw forbidden(onlyRolesMay(AUDIT_READERS[entityType], `read the audit trail of ${entityType} records`), AccessReason.ROLE_NOT_ALLOWED);
  }
  return entityType;
}
