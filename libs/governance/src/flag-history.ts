import { Injectable } from '@nestjs/common';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { TenantDb } from '@joinedup/database';
import { groupBy, requestLoader } from '@joinedup/graphql-kit';

/** The audit actions of a flag: people acknowledge and dismiss it, a scan reopens it. */
export const FLAG_AUDIT = {
  acknowledged: 'governance_flag.acknowledged',
  dismissed: 'governance_flag.dismissed',
  reopened: 'governance_flag.reopened',
} as const;

export enum FlagHistoryKind {
  RAISED = 'RAISED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  DISMISSED = 'DISMISSED',
  REOPENED = 'REOPENED',
  RESOLVED = 'RESOLVED',
}
registerEnumType(FlagHistoryKind, {
  name: 'FlagHistoryKind',
  valuesMap: {
    RAISED: { description: 'A scan found the condition and raised the flag.' },
    ACKNOWLEDGED: { description: 'A coordinator or administrator acknowledged it.' },
    DISMISSED: { description: 'A coordinator or administrator dismissed it, with a reason.' },
    REOPENED: { description: 'A scan opened the dismissed flag again: its evidence changed.' },
    RESOLVED: { description: 'A scan found the condition cleared.' },
  },
});

@ObjectType('FlagHistoryEntry', { description: 'Something that happened to a flag.' })
export class FlagHistoryEntryType {
  @Field(() => FlagHistoryKind)
  kind!: FlagHistoryKind;

  @Field()
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'Who did it; empty when a scan did.' })
  actorUserId!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was dismissed (DISMISSED only).' })
  reason!: string | null;
}

/** The acknowledgements, dismissals and reopenings kept of one flag: the latest this many. */
export const MAX_FLAG_EVENTS = 100;

export interface FlagAuditEvent {
  flagId: string;
  at: Date;
  actorUserId: string | null;
  action: string;
  reason: string | null;
}

const KIND_OF_ACTION: Record<string, FlagHistoryKind> = {
  [FLAG_AUDIT.acknowledged]: FlagHistoryKind.ACKNOWLEDGED,
  [FLAG_AUDIT.dismissed]: FlagHistoryKind.DISMISSED,
  [FLAG_AUDIT.reopened]: FlagHistoryKind.REOPENED,
};

/**
 * A flag's history, oldest first: raised (from the flag), what people and scans did to it
 * (from the audit trail), resolved (from the flag).
 */
export function flagHistory(
  flag: { firstRaisedAt: Date; resolvedAt: Date | null },
  events: readonly FlagAuditEvent[],
): FlagHistoryEntryType[] {
  const entries: FlagHistoryEntryType[] = [{ kind: FlagHistoryKind.RAISED, at: flag.firstRaisedAt, actorUserId: null, reason: null }];
  for (const event of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const kind = KIND_OF_ACTION[event.action];
    if (!kind) continue;
    entries.push({ kind, at: event.at, actorUserId: event.actorUserId, reason: kind === FlagHistoryKind.DISMISSED ? event.reason : null });
  }
  if (flag.resolvedAt) entries.push({ kind: FlagHistoryKind.RESOLVED, at: flag.resolvedAt, actorUserId: null, reason: null });
  return entries;
}

/** The audit events `e` kept of the flags `flags` (a condition on e.entity_id). */
const flagEvents = (e: string, flags: string) =>
  `${e}.entity_type = 'GOVERNANCE_FLAG' and ${flags} and ${e}.action in (${Object.values(FLAG_AUDIT).map((action) => `'${action}'`).join(', ')})`;

/** The reason kept with a dismissal (the audit event's `after`). */
const eventReason = (e: string) => `${e}.after ->> 'reason'`;

/**
 * flagHistory as SQL, for the one-statement read: the history of the flag row `flag` as
 * rows `kind, at, actor_user_id, reason` of `entry`, ordered by `entry.part, entry.at, entry.event_id`.
 */
export function flagHistoryFrom(flag: string, entry: string): string {
  const kinds = Object.entries(KIND_OF_ACTION).map(([action, kind]) => `when '${action}' then '${kind}'`).join(' ');
  return `from (
      select 1 as part, ${flag}.first_raised_at as at, null::uuid as event_id, '${FlagHistoryKind.RAISED}' as kind, null::uuid as actor_user_id, null::text as reason
      union all
      select 2, e.occurred_at, e.id, case e.action ${kinds} end, e.actor_user_id,
             case when e.action = '${FLAG_AUDIT.dismissed}' then ${eventReason('e')} end
        from (select * from audit_event e
               where e.tenant_id = ${flag}.tenant_id and ${flagEvents('e', `e.entity_id = ${flag}.id`)}
               order by e.occurred_at desc, e.id desc limit ${MAX_FLAG_EVENTS}) e
      union all
      select 3, ${flag}.resolved_at, null, '${FlagHistoryKind.RESOLVED}', null, null where ${flag}.resolved_at is not null) ${entry}`;
}

/**
 * Reads flags' audit trails, one statement per list of flags. The trail is the tenant's
 * (row-level security); who may read a flag may read its trail (AUDIT_READERS).
 */
@Injectable()
export class FlagHistoryLoaders {
  constructor(private readonly db: TenantDb) {}

  events(): DataLoader<string, FlagAuditEvent[]> {
    return requestLoader('governance.flagEvents', async (ids) => {
      const rows = await this.db.query<FlagAuditEvent>(
        `select flag_id as "flagId", at, actor_user_id as "actorUserId", action, reason
           from (select e.entity_id as flag_id, e.occurred_at as at, e.actor_user_id, e.action, ${eventReason('e')} as reason,
                        row_number() over (partition by e.entity_id order by e.occurred_at desc, e.id desc) as n
                   from audit_event e
                  where ${flagEvents('e', 'e.entity_id = any($1::uuid[])')}) latest
          where n <= $2
          order by at`,
        [ids, MAX_FLAG_EVENTS],
      );
      return groupBy(ids, rows, (r) => r.flagId);
    });
  }
}
