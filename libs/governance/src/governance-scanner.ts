import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { TenantDb } from '@joinedup/database';
import { Barrier, Severity } from './barriers';
import { EffectiveRuleSetting, GovernanceRule } from './governance-rule';
import { FLAG_AUDIT } from './flag-history';
import { FLAG_LOCALITY_TABLE } from './flag-localities';
import { findingsParameters, findingsQuery } from './findings-query';
import { FlagEventData, GOVERNANCE_EVENT, GovernanceEvent } from './governance.events';
import { FlagTally, HealthScore, healthScores } from './health-score';
import { RuleSettingRow, effectiveSettings } from './rule-settings';
import { GOVERNANCE_RULES } from './rules';
import { GovernanceEventSink } from './webhooks/governance-event-sink';

export type ScanTrigger = 'SCHEDULE' | 'REQUEST' | 'EVENT';

export interface ScanRequest {
  tenantId: string;
  /** One locality, or (null) every locality of the tenant. */
  localityId?: string | null;
  /** The instant the rules judge; now by default. */
  asOf?: Date;
  /** The scan's row (a requested scan already has one, QUEUED); a new id otherwise. */
  scanId?: string;
  trigger?: ScanTrigger;
}

export interface ScanResult {
  scanId: string;
  asOf: Date;
  raised: number;
  updated: number;
  resolved: number;
  open: number;
  durationMs: number;
}

interface MergeRow {
  raised: number;
  updated: number;
  resolved: number;
  open: number;
  raised_flags: FlagRow[] | null;
  resolved_flags: FlagRow[] | null;
}

interface FlagRow {
  id: string;
  rule_code: string;
  barrier: Barrier;
  severity: Severity;
  subject_type: FlagEventData['subjectType'];
  subject_id: string;
  locality_id: string | null;
  programme_id: string | null;
  organisation_id: string | null;
  message: string;
  evidence: Record<string, unknown>;
}

/**
 * A flag and a finding are about the same thing: rule, subject and where it sits. Written
 * as equalities (a missing place reads as the nil uuid) so PostgreSQL can hash-join them;
 * "is not distinct from" would make it probe the flags one finding at a time.
 */
const NIL = `'00000000-0000-0000-0000-000000000000'::uuid`;
const SAME_SUBJECT = `g.rule_code = n.rule_code and g.subject_id = n.subject_id
  and coalesce(g.programme_id, ${NIL}) = coalesce(n.programme_id, ${NIL})
  and coalesce(g.locality_id, ${NIL}) = coalesce(n.locality_id, ${NIL})`;

/**
 * Runs the rules over a tenant (or one of its localities) at an instant, and brings the
 * flags and health snapshots in line with what they find, in one transaction: a scan that
 * fails or is killed leaves nothing behind, and scans of one tenant take turns, so the same
 * scan twice (or on two workers at once) gives the same flags.
 */
@Injectable()
export class GovernanceScanner {
  constructor(
    private readonly db: TenantDb,
    private readonly events: GovernanceEventSink,
  ) {}

  async scan(request: ScanRequest, rules: readonly GovernanceRule[] = GOVERNANCE_RULES): Promise<ScanResult> {
    const started = Date.now();
    const asOf = request.asOf ?? new Date();
    const localityId = request.localityId ?? null;
    const scanId = request.scanId ?? randomUUID();
    return this.db.run({ tenantId: request.tenantId }, async () => {
      // Evidence holds timestamps as text: the same instant must read the same on every
      // connection. The all-rules statement is costly enough for PostgreSQL to JIT-compile
      // it, which takes longer than running it, and sorts more than the default work_mem.
      await this.db.query(
        `select pg_advisory_xact_lock(hashtextextended('governance-scan:' || $1, 0)), set_config('TimeZone', 'UTC', true),
                set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`,
        [request.tenantId],
      );
      await this.db.query(
        `insert into governance_scan (tenant_id, id, locality_id, trigger, state, started_at, attempts)
         values ($1, $2, $3, $4, 'RUNNING', now(), 1)
         on conflict (tenant_id, id) do update set state = 'RUNNING', started_at = coalesce(governance_scan.started_at, now()), error = null`,
        [request.tenantId, scanId, localityId, request.trigger ?? 'REQUEST'],
      );
      const stored = await this.db.query<RuleSettingRow>(`select rule_code, enabled, severity, thresholds from governance_rule_setting`);
      const settings = effectiveSettings(rules, stored);
      // A locality scan leaves rules whose subjects span localities to the full scans.
      const inScope = rules.filter((rule) => !(localityId && rule.tenantWide));
      const wanted = await this.events.wantedTypes();
      const merged = await this.merge(inScope, settings, asOf, localityId, scanId, wanted.has(GOVERNANCE_EVENT.flagRaised) || wanted.has(GOVERNANCE_EVENT.flagResolved));
      const scores = await this.score(request.tenantId, scanId, asOf, localityId);
      const events: GovernanceEvent[] = [
        ...(wanted.has(GOVERNANCE_EVENT.flagRaised) ? (merged.raised_flags ?? []).map((f) => flagEvent(GOVERNANCE_EVENT.flagRaised, f, asOf)) : []),
        ...(wanted.has(GOVERNANCE_EVENT.flagResolved) ? (merged.resolved_flags ?? []).map((f) => flagEvent(GOVERNANCE_EVENT.flagResolved, f, asOf)) : []),
        ...(wanted.has(GOVERNANCE_EVENT.healthChanged) ? healthEvents(scores, scanId, asOf) : []),
      ];
      if (events.length) await this.events.publish(events);
      const durationMs = Date.now() - started;
      await this.db.query(
        `update governance_scan
            set state = 'SUCCEEDED', finished_at = now(), as_of = $2, flags_raised = $3, flags_updated = $4,
                flags_resolved = $5, open_flags = $6, duration_ms = $7, error = null
          where id = $1`,
        [scanId, asOf, merged.raised, merged.updated, merged.resolved, merged.open, durationMs],
      );
      return { scanId, asOf, raised: merged.raised, updated: merged.updated, resolved: merged.resolved, open: merged.open, durationMs };
    });
  }

  /**
   * One statement: every enabled rule's findings, then the flags brought in line with
   * them. A finding with an open flag rewrites it only when its severity, message or
   * evidence changed (a dismissed flag whose evidence changed opens again): an unchanged
   * flag is not written, and when it was last seen follows from the scans that covered it.
   * A finding without an open flag raises one; an open flag of a rule in scope that
   * nothing found any more resolves.
   */
  private async merge(
    rules: readonly GovernanceRule[],
    settings: Record<string, EffectiveRuleSetting>,
    asOf: Date,
    localityId: string | null,
    scanId: string,
    withFlags: boolean,
  ): Promise<MergeRow> {
    const findings = findingsQuery(rules, settings, localityId ? 'locality' : 'tenant');
    const flagJson = `json_build_object('id', id, 'rule_code', rule_code, 'barrier', barrier, 'severity', severity,
      'subject_type', subject_type, 'subject_id', subject_id, 'locality_id', locality_id, 'programme_id', programme_id,
      'organisation_id', organisation_id, 'message', message, 'evidence', evidence)`;
    const [row] = await this.db.query<MergeRow>(
      `with found as (
         select distinct on (rule_code, subject_id, programme_id, locality_id) *
           from (${findings}) as all_found
          order by rule_code, subject_id, programme_id, locality_id, array_position(array['LOW', 'MEDIUM', 'HIGH'], severity) desc
       ),
       matched as (
         select g.id, n.rule_code, n.subject_id, n.programme_id, n.locality_id, n.severity, n.message, n.evidence, n.organisation_id,
                (g.severity, g.message, g.evidence, g.organisation_id)
                  is distinct from (n.severity, n.message, n.evidence, n.organisation_id) as changed,
                g.state = 'DISMISSED' and g.evidence <> n.evidence as reopened
           from governance_flag g join found n on ${SAME_SUBJECT}
          where g.resolved_at is null
       ),
       refreshed as (
         update governance_flag g
            set last_seen_at = $1, severity = m.severity, message = m.message, organisation_id = m.organisation_id,
                evidence = m.evidence,
                evidence_changed_at = case when g.evidence = m.evidence then g.evidence_changed_at else $1 end,
                state = case when m.reopened then 'OPEN' else g.state end,
                dismissed_at = case when m.reopened then null else g.dismissed_at end,
                dismissed_by_user_id = case when m.reopened then null else g.dismissed_by_user_id end,
                dismissal_reason = case when m.reopened then null else g.dismissal_reason end
           from matched m
          where g.id = m.id and (m.changed or m.reopened)
         returning g.id
       ),
       -- A reopening is kept in the flag's audit trail (its history), as the scan's doing.
       reopened as (
         insert into audit_event (tenant_id, occurred_at, actor_user_id, action, entity_type, entity_id, before, after)
         select nullif(current_setting('app.tenant_id', true), '')::uuid, $1, null, '${FLAG_AUDIT.reopened}', 'GOVERNANCE_FLAG', m.id,
                '{"state": "DISMISSED"}'::jsonb, '{"state": "OPEN"}'::jsonb
           from matched m
          where m.reopened
       ),
       raised as (
         insert into governance_flag (tenant_id, rule_code, barrier, subject_type, subject_id, locality_id, programme_id,
                                      organisation_id, severity, message, evidence, first_raised_at, last_seen_at, evidence_changed_at,
                                      raised_by_scan_id)
         select nullif(current_setting('app.tenant_id', true), '')::uuid, n.rule_code, n.barrier, n.subject_type, n.subject_id,
                n.locality_id, n.programme_id, n.organisation_id, n.severity, n.message, n.evidence, $1, $1, $1, $6::uuid
           from found n
          where not exists (select 1 from matched g where ${SAME_SUBJECT})
         on conflict do nothing
         returning *
       ),
       resolved as (
         update governance_flag g
            set state = 'RESOLVED', resolved_at = $1
          where g.resolved_at is null
            and g.rule_code = any($4::text[])
            and ${localityId ? 'g.locality_id = $2::uuid' : '$2::uuid is null'}
            and not exists (select 1 from matched m where m.id = g.id)
         returning g.*
       )
       select (select count(*) from raised)::int as raised,
              (select count(*) from matched where changed)::int as updated,
              (select count(*) from resolved)::int as resolved,
              (select count(*) from found)::int as open,
              case when $5 then (select json_agg(${flagJson}) from raised) end as raised_flags,
              case when $5 then (select json_agg(${flagJson}) from resolved) end as resolved_flags`,
      [...findingsParameters(asOf, localityId, settings), rules.map((rule) => rule.code), withFlags, scanId],
      // Planning this statement costs more than running it on a small tenant: plan it once per connection.
      { prepared: true },
    );
    return row;
  }

  /** Scores every ACTIVE programme and every locality in scope from its open flags, and stores them as this scan's snapshot. */
  private async score(tenantId: string, scanId: string, asOf: Date, localityId: string | null): Promise<ScoredSubject[]> {
    const [scope] = await this.db.query<{ programmes: { id: string; localityId: string }[] | null; localities: string[] | null; tallies: FlagTally[] | null }>(
      `select (select json_agg(json_build_object('id', p.id, 'localityId', p.locality_id))
                 from programme p where p.status = 'ACTIVE' and ($1::uuid is null or p.locality_id = $1::uuid)) as programmes,
              (select json_agg(l.id) from locality l where ($1::uuid is null or l.id = $1::uuid)) as localities,
              (select json_agg(json_build_object('programmeId', t.programme_id, 'localityId', t.locality_id,
                                                 'barrier', t.barrier, 'severity', t.severity, 'count', t.n))
                 from (select programme_id, locality_id, barrier, severity, count(*)::int as n
                         -- A flag counts in each locality where it shows (a tenant-wide one as one of the
                         -- locality's own), and against its programme in its own locality only.
                         from (select case when l.locality_id = g.locality_id then g.programme_id end as programme_id,
                                      l.locality_id, g.barrier, g.severity
                                 from ${FLAG_LOCALITY_TABLE} l
                                 join governance_flag g on g.tenant_id = l.tenant_id and g.id = l.flag_id
                                where l.state in ('OPEN', 'ACKNOWLEDGED')
                                  and ($1::uuid is null or l.locality_id = $1::uuid)) counted
                        group by 1, 2, 3, 4) t) as tallies`,
      [localityId],
    );
    const scores = healthScores(scope.programmes ?? [], scope.localities ?? [], scope.tallies ?? []);
    if (!scores.length) return [];
    const rows = await this.db.query<{ subject_id: string; previous: number | null }>(
      `with scored as (
         select * from jsonb_to_recordset($4::jsonb) as x(
           subject_type text, subject_id uuid, locality_id uuid, overall int, flexibility int, recognition int,
           communication int, conflict_resolution int, role_fit int, leadership int, continuous_improvement int, open_flags int)
       ),
       previous as (
         select s.subject_id,
                (select h.overall from health_snapshot h where h.subject_id = s.subject_id
                  order by h.taken_at desc, h.id desc limit 1) as overall
           from scored s
       ),
       stored as (
         insert into health_snapshot (tenant_id, scan_id, subject_type, subject_id, locality_id, taken_at, overall, flexibility,
                                      recognition, communication, conflict_resolution, role_fit, leadership,
                                      continuous_improvement, open_flags)
         select $1, $2, subject_type, subject_id, locality_id, $3, overall, flexibility, recognition, communication,
                conflict_resolution, role_fit, leadership, continuous_improvement, open_flags
           from scored
       )
       select subject_id, overall as previous from previous`,
      [tenantId, scanId, asOf, JSON.stringify(scores.map(snapshotRow))],
    );
    const previous = new Map(rows.map((row) => [row.subject_id, row.previous]));
    return scores.map((score) => ({ ...score, previous: previous.get(score.subjectId) ?? null }));
  }
}

type ScoredSubject = HealthScore & { previous: number | null };

function snapshotRow(score: HealthScore) {
  const b = score.barriers;
  return {
    subject_type: score.subjectType,
    subject_id: score.subjectId,
    locality_id: score.localityId,
    overall: score.overall,
    flexibility: b.FLEXIBILITY,
    recognition: b.RECOGNITION,
    communication: b.COMMUNICATION,
    conflict_resolution: b.CONFLICT_RESOLUTION,
    role_fit: b.ROLE_FIT,
    leadership: b.LEADERSHIP,
    continuous_improvement: b.CONTINUOUS_IMPROVEMENT,
    open_flags: score.openFlags,
  };
}

function flagEvent(type: typeof GOVERNANCE_EVENT.flagRaised | typeof GOVERNANCE_EVENT.flagResolved, f: FlagRow, asOf: Date): GovernanceEvent {
  return {
    type,
    data: {
      flagId: f.id,
      ruleCode: f.rule_code,
      barrier: f.barrier,
      severity: f.severity,
      subjectType: f.subject_type,
      subjectId: f.subject_id,
      localityId: f.locality_id,
      programmeId: f.programme_id,
      organisationId: f.organisation_id,
      message: f.message,
      evidence: f.evidence,
      at: asOf.toISOString(),
    },
  };
}

/** A subject's overall score moved since its last snapshot (its first snapshot is not a change). */
function healthEvents(scores: ScoredSubject[], scanId: string, asOf: Date): GovernanceEvent[] {
  return scores
    .filter((s) => s.previous !== null && s.previous !== s.overall)
    .map((s) => ({
      type: GOVERNANCE_EVENT.healthChanged,
      data: {
        subjectType: s.subjectType,
        subjectId: s.subjectId,
        localityId: s.localityId,
        previousOverall: s.previous as number,
        overall: s.overall,
        barriers: s.barriers,
        scanId,
        at: asOf.toISOString(),
      },
    }));
}
