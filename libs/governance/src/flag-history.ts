import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

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

/** What each audit action of a flag shows as in its history. */
const KIND_OF_ACTION: Record<string, FlagHistoryKind> = {
  [FLAG_AUDIT.acknowledged]: FlagHistoryKind.ACKNOWLEDGED,
  [FLAG_AUDIT.dismissed]: FlagHistoryKind.DISMISSED,
  [FLAG_AUDIT.reopened]: FlagHistoryKind.REOPENED,
};

/**
 * A flag's history as SQL, oldest first: raised (from the flag), what people and scans did to
 * it (the latest MAX_FLAG_EVENTS of its audit trail; a reason only for a dismissal), resolved
 * (from the flag). Rows `kind, at, actor_user_id, reason` of `entry` for the flag row `flag`,
 * read in HISTORY_ORDER: the compiled read and the executed resolver both read it.
 */
export const HISTORY_ORDER = (entry: string) => `${entry}.part, ${entry}.at, ${entry}.event_id`;

export function flagHistoryFrom(flag: string, entry: string): string {
  const kinds = Object.entries(KIND_OF_ACTION).map(([action, kind]) => `when '${action}' then '${kind}'`).join(' ');
  const actions = Object.keys(KIND_OF_ACTION).map((action) => `'${action}'`).join(', ');
  return `from (
      select 1 as part, ${flag}.first_raised_at as at, null::uuid as event_id, '${FlagHistoryKind.RAISED}' as kind, null::uuid as actor_user_id, null::text as reason
      union all
      select 2, e.occurred_at, e.id, case e.action ${kinds} end, e.actor_user_id,
             case when e.action = '${FLAG_AUDIT.dismissed}' then e.after ->> 'reason' end
        from (select * from audit_event e
               where e.tenant_id = ${flag}.tenant_id and e.entity_type = 'GOVERNANCE_FLAG' and e.entity_id = ${flag}.id and e.action in (${actions})
               order by e.occurred_at desc, e.id desc limit ${MAX_FLAG_EVENTS}) e
      union all
      select 3, ${flag}.resolved_at, null, '${FlagHistoryKind.RESOLVED}', null, null where ${flag}.resolved_at is not null) ${entry}`;
}

/** A history entry as its description reads it (flagHistoryFrom: `kind, at, actor_user_id, reason`). */
export const toHistoryEntry = (row: { kind: FlagHistoryKind; at: Date; actor_user_id: string | null; reason: string | null }): FlagHistoryEntryType => ({
  kind: row.kind,
  at: row.at,
  actorUserId: row.actor_user_id,
  reason: row.reason,
});
