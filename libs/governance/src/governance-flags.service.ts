import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { TenantDb } from '@joinedup/database';
import { conflict, notFound } from '@joinedup/errors';
import { Connection, decodeCursor, toConnection } from '@joinedup/graphql-kit';
import { FLAG_AUDIT } from './flag-history';
import { FLAG_LOCALITY_TABLE } from './flag-localities';
import { newestFirst } from './newest-first';
import { AcknowledgeFlagInput, DismissFlagInput, GovernanceFlagsArgs } from './governance.inputs';
import { Barrier, Severity, SubjectType } from './barriers';
import { FlagState, GovernanceFlagType } from './governance.types';
import { GovernanceReason } from './governance.errors';

/**
 * When a scan last found the flag `flag`'s condition: scans write a flag only when it changes
 * (last_seen_at), and every later successful scan of its locality, or of the whole
 * tenant, before it resolved saw it too.
 */
export const flagLastSeen = (flag: string): string => `greatest(${flag}.last_seen_at,
  (select max(s.as_of) from governance_scan s
    where s.state = 'SUCCEEDED' and s.locality_id is null and s.as_of < coalesce(${flag}.resolved_at, 'infinity')),
  (select max(s.as_of) from governance_scan s
    where s.state = 'SUCCEEDED' and s.locality_id = ${flag}.locality_id and s.as_of < coalesce(${flag}.resolved_at, 'infinity')))`;
export const FLAG_LAST_SEEN = flagLastSeen('governance_flag');

/** A flag row as the schema shows it (columns aliased to the type's fields). */
export const FLAG_COLUMNS = `id, rule_code as "ruleCode", barrier, severity, state, subject_type as "subjectType",
  subject_id as "subjectId", locality_id as "localityId", programme_id as "programmeId", organisation_id as "organisationId",
  message, evidence, first_raised_at as "firstRaisedAt", ${FLAG_LAST_SEEN} as "lastSeenAt",
  evidence_changed_at as "evidenceChangedAt", resolved_at as "resolvedAt", acknowledged_at as "acknowledgedAt",
  acknowledged_by_user_id as "acknowledgedByUserId", dismissed_at as "dismissedAt",
  dismissed_by_user_id as "dismissedByUserId", dismissal_reason as "dismissalReason", first_raised_at::text as "cursorAt"`;

/**
 * A flag's rows as the executed path of its described relations re-selects them
 * (JsonReads.addRows): the table's columns, which the descriptions read, and when a scan
 * last saw it (computed only when read: PostgreSQL flattens the subquery).
 */
export const FLAG_ROWS = `(select governance_flag.*, ${FLAG_LAST_SEEN} as seen_at, first_raised_at::text as cursor_at from governance_flag)`;

/** A row of FLAG_ROWS. */
export interface FlagRow {
  id: string;
  rule_code: string;
  barrier: Barrier;
  severity: Severity;
  state: FlagState;
  subject_type: SubjectType;
  subject_id: string;
  locality_id: string | null;
  programme_id: string | null;
  organisation_id: string | null;
  message: string;
  evidence: Record<string, unknown>;
  first_raised_at: Date;
  seen_at: Date;
  evidence_changed_at: Date;
  resolved_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by_user_id: string | null;
  dismissed_at: Date | null;
  dismissed_by_user_id: string | null;
  dismissal_reason: string | null;
  cursor_at: string;
}

/** A flag as the schema shows it, from a row of FLAG_ROWS (as FLAG_COLUMNS aliases it). */
export const toFlag = (r: FlagRow): GovernanceFlagType => ({
  id: r.id,
  ruleCode: r.rule_code,
  barrier: r.barrier,
  severity: r.severity,
  state: r.state,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  localityId: r.locality_id,
  programmeId: r.programme_id,
  organisationId: r.organisation_id,
  message: r.message,
  evidence: r.evidence,
  firstRaisedAt: r.first_raised_at,
  lastSeenAt: r.seen_at,
  evidenceChangedAt: r.evidence_changed_at,
  resolvedAt: r.resolved_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedByUserId: r.acknowledged_by_user_id,
  dismissedAt: r.dismissed_at,
  dismissedByUserId: r.dismissed_by_user_id,
  dismissalReason: r.dismissal_reason,
  cursorAt: r.cursor_at,
});

/** The flags that count against the health score, and the default of a list. */
const CURRENT_STATES = [FlagState.OPEN, FlagState.ACKNOWLEDGED];
const CURRENT_STATES_SQL = `array[${CURRENT_STATES.map((state) => `'${state}'`).join(', ')}]`;

/** The filters of governanceFlags, each a SQL expression (null: no filter; state null: the flags that count). */
export interface FlagFilters {
  locality: string;
  programme: string;
  organisation: string;
  barriers: string;
  severities: string;
  states: string;
}

const statesOf = (f: FlagFilters) => `coalesce(${f.states}::text[], ${CURRENT_STATES_SQL})`;

export const FLAG_ORDER = newestFirst('first_raised_at');

/**
 * The flags these filters ask for, after the cursor (`at`, `id`: its parts, null for the first
 * page), as `from … where …` naming each `flag`. A locality's flags are found where flags show
 * (governance_flag_locality, by its index on locality and state), then each flag by its key;
 * without a locality, the tenant's flags are read. One branch of the union is empty for any
 * one request; both are written so that one prepared statement serves both (a generic plan
 * too). The fences (offset 0) keep that order of work whatever the statistics say: with
 * none, PostgreSQL may walk every flag of the tenant and probe each one's localities.
 */
export const flagsListed = (flag: string, f: FlagFilters, at: string, id: string): string =>
  `from (select g.* from governance_flag g where ${f.locality}::uuid is null
         union all
         select g.* from (select l.tenant_id, l.flag_id from ${FLAG_LOCALITY_TABLE} l
                           where l.locality_id = ${f.locality}::uuid and l.state = any(${statesOf(f)}) offset 0) l
           cross join lateral (select g.* from governance_flag g where g.tenant_id = l.tenant_id and g.id = l.flag_id offset 0) g) ${flag}
   where (${f.programme}::uuid is null or ${flag}.programme_id = ${f.programme}::uuid)
     and (${f.organisation}::uuid is null or ${flag}.organisation_id = ${f.organisation}::uuid)
     and (${f.barriers}::text[] is null or ${flag}.barrier = any(${f.barriers}::text[]))
     and (${f.severities}::text[] is null or ${flag}.severity = any(${f.severities}::text[]))
     and ${flag}.state = any(${statesOf(f)})
     and ${FLAG_ORDER.after(flag, at, id)}`;

/** The flags that count now under `locality` (a uuid expression), by severity, as json-ready int columns high, medium, low. */
export const flagCountsIn = (locality: string, flag: string) =>
  `count(${flag}.id) filter (where ${flag}.severity = 'HIGH')::int as high,
   count(${flag}.id) filter (where ${flag}.severity = 'MEDIUM')::int as medium,
   count(${flag}.id) filter (where ${flag}.severity = 'LOW')::int as low
   from ${FLAG_LOCALITY_TABLE} ${flag}_at
   join governance_flag ${flag} on ${flag}.tenant_id = ${flag}_at.tenant_id and ${flag}.id = ${flag}_at.flag_id
   where ${flag}_at.locality_id = ${locality} and ${flag}_at.state = any(${CURRENT_STATES_SQL})`;

/**
 * Reading flags and responding to them. Scans raise, refresh and resolve flags; people
 * only acknowledge or dismiss them, each audited.
 */
@Injectable()
export class GovernanceFlagsService {
  constructor(
    private readonly db: TenantDb,
    private readonly audit: AuditWriter,
  ) {}

  async get(id: string): Promise<GovernanceFlagType> {
    const [flag] = await this.db.query<GovernanceFlagType>(`select ${FLAG_COLUMNS} from governance_flag where id = $1`, [id]);
    if (!flag) throw notFound('The governance flag');
    return flag;
  }

  /** Newest first (by when they were raised), filtered; a page at a time. */
  async list(args: GovernanceFlagsArgs): Promise<Connection<GovernanceFlagType>> {
    const after = decodeCursor(args.after, ['timestamp', 'uuid']);
    const rows = await this.db.query<GovernanceFlagType>(
      `select ${FLAG_COLUMNS}
        ${flagsListed('governance_flag', { locality: '$1', programme: '$2', organisation: '$3', barriers: '$4', severities: '$5', states: '$6' }, '$7', '$8')}
        order by ${FLAG_ORDER.orderBy('governance_flag')}
        limit $9`,
      [
        args.localityId ?? null,
        args.programmeId ?? null,
        args.organisationId ?? null,
        args.barrier?.length ? args.barrier : null,
        args.severity?.length ? args.severity : null,
        args.state?.length ? args.state : null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        args.first + 1,
      ],
    );
    return toConnection(rows, args.first, (flag) => [flag.cursorAt, flag.id], (flag) => flag);
  }

  /** OPEN → ACKNOWLEDGED; acknowledging an acknowledged flag changes nothing. */
  async acknowledge(principal: Principal, input: AcknowledgeFlagInput): Promise<GovernanceFlagType> {
    const before = await this.locked(input.flagId);
    if (before.state === FlagState.ACKNOWLEDGED) return before;
    this.refuseFinal(before, 'acknowledged');
    const [after] = await this.db.query<GovernanceFlagType>(
      `update governance_flag set state = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by_user_id = $2
        where id = $1 returning ${FLAG_COLUMNS}`,
      [before.id, principal.userId],
    );
    await this.audit.record({
      action: FLAG_AUDIT.acknowledged,
      entityType: 'GOVERNANCE_FLAG',
      entityId: before.id,
      before: { state: before.state },
      after: { state: after.state },
    });
    return after;
  }

  /** OPEN or ACKNOWLEDGED → DISMISSED with a reason; a scan opens it again when its evidence changes. */
  async dismiss(principal: Principal, input: DismissFlagInput): Promise<GovernanceFlagType> {
    const before = await this.locked(input.flagId);
    this.refuseFinal(before, 'dismissed');
    const [after] = await this.db.query<GovernanceFlagType>(
      `update governance_flag set state = 'DISMISSED', dismissed_at = now(), dismissed_by_user_id = $2, dismissal_reason = $3
        where id = $1 returning ${FLAG_COLUMNS}`,
      [before.id, principal.userId, input.reason],
    );
    await this.audit.record({
      action: FLAG_AUDIT.dismissed,
      entityType: 'GOVERNANCE_FLAG',
      entityId: before.id,
      before: { state: before.state },
      after: { state: after.state, reason: input.reason },
    });
    return after;
  }

  private async locked(id: string): Promise<GovernanceFlagType> {
    const [flag] = await this.db.query<GovernanceFlagType>(`select ${FLAG_COLUMNS} from governance_flag where id = $1 for update`, [id]);
    if (!flag) throw notFound('The governance flag');
    return flag;
  }

  private refuseFinal(flag: GovernanceFlagType, verb: string): void {
    if (flag.state === FlagState.RESOLVED) {
      throw conflict(`This flag was resolved on ${flag.resolvedAt?.toISOString().slice(0, 10)} and can no longer be ${verb}.`, GovernanceReason.FLAG_RESOLVED);
    }
    if (flag.state === FlagState.DISMISSED) {
      throw conflict(`This flag is already dismissed; it opens again when its evidence changes.`, GovernanceReason.FLAG_ALREADY_DISMISSED);
    }
  }
}
