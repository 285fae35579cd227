import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import {
  JsonReads,
  afterPart,
  OneField,
  ReadScope,
  calendarDateArg,
  column,
  dateTimeColumn,
  dateTimeSql,
  listArg,
  optionalUuidArg,
  pageArgs,
  rowById,
  uuidArg,
} from '@joinedup/graphql-kit';
import { BARRIERS } from './barriers';
import { EVIDENCE_RECORD_FIELDS, RECORD_POSITION, storedEvidenceRecords, toEvidenceRecord } from './flag-evidence';
import { HISTORY_ORDER, flagHistoryFrom, toHistoryEntry } from './flag-history';
import { FLAG_ORDER, FLAG_ROWS, flagCountsIn, flagLastSeen, flagsListed, toFlag } from './governance-flags.service';
import { MAX_TREND_DAYS, endOfDay, latestSnapshot, toHealth, trendSnapshots, trendSubjectExists } from './governance-health.service';
import { GovernanceFlagCountsType } from './governance.types';
import { SCAN_ORDER, scanListed } from './governance-scans.service';
import { GOVERNANCE_READERS, GovernanceFlagResolver, GovernanceHealthResolver, GovernanceScanResolver } from './governance.resolvers';

/** Why a jsonb field is executed. */
export const JSONB_TEXT = 'jsonb: PostgreSQL writes its text spaced (`{"a": 1}`), unlike JSON.stringify';

/** Member representatives read localities and programmes as a directory: their governance fields are null. */
const readsGovernance = (scope: ReadScope) => GOVERNANCE_READERS.includes(scope.role as never);
const NONE = 'where false';

/** The latest health of the record `row` (a locality or programme), null for those who do not read governance. */
const latestHealth: OneField = {
  one: (row, h, scope) => (readsGovernance(scope) ? latestSnapshot(`${row}.id`, h) : `from health_snapshot ${h} ${NONE}`),
};

/**
 * The governance engine's part of JsonReads: flags (with their evidence records and
 * history), scans, health snapshots and trends, and the health and flag counts of
 * localities and programmes, each as its resolver answers it (what is left to execution says why).
 * The resolvers of a flag's evidence records and history, and of the health and flag counts
 * of localities and programmes, execute these descriptions (DescribedLoaders): each relation is
 * written here only.
 */
@Injectable()
export class GovernanceJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    // Where the rows live. Evidence records, history entries and flag counts have no table of
    // their own: theirs is the relation read for every flag (locality), so that it says what a row is.
    this.reads.addRows('GovernanceFlag', { table: FLAG_ROWS, fromRow: toFlag });
    this.reads.addRows('FlagEvidenceRecord', {
      table: `(select f.tenant_id, r.* from governance_flag f cross join lateral (select r.* ${storedEvidenceRecords('f', 'r')}) r)`,
      fromRow: toEvidenceRecord,
    });
    this.reads.addRows('FlagHistoryEntry', {
      table: `(select f.tenant_id, e.* from governance_flag f cross join lateral (select e.* ${flagHistoryFrom('f', 'e')}) e)`,
      fromRow: toHistoryEntry,
    });
    this.reads.addRows('GovernanceHealth', { table: 'health_snapshot', fromRow: toHealth });
    this.reads.addRows('GovernanceFlagCounts', {
      table: `(select l.tenant_id, c.* from locality l cross join lateral (select ${flagCountsIn('l.id', 'f')}) c)`,
      fromRow: ({ high, medium, low }: GovernanceFlagCountsType): GovernanceFlagCountsType => ({ high, medium, low }),
    });

    this.reads.addFields('Query', {
      governanceFlag: {
        roles: rolesOf(GovernanceFlagResolver.prototype.governanceFlag),
        args: { id: uuidArg },
        one: (_row, f, scope) => `from governance_flag ${f} where ${f}.id = ${scope.arg('id')}::uuid`,
      },
      governanceFlags: {
        roles: rolesOf(GovernanceFlagResolver.prototype.governanceFlags),
        args: {
          ...pageArgs(['timestamp', 'uuid']),
          localityId: optionalUuidArg,
          programmeId: optionalUuidArg,
          organisationId: optionalUuidArg,
          barrier: listArg(BARRIERS.length),
          severity: listArg(3),
          state: listArg(4),
        },
        page: (_row, f, scope) => {
          const filters = {
            locality: scope.arg('localityId'),
            programme: scope.arg('programmeId'),
            organisation: scope.arg('organisationId'),
            barriers: scope.arg('barrier'),
            severities: scope.arg('severity'),
            states: scope.arg('state'),
          };
          return flagsListed(f, filters, afterPart(scope, 1), afterPart(scope, 2));
        },
        orderBy: FLAG_ORDER.orderBy,
        cursor: FLAG_ORDER.cursor,
      },
      governanceScan: {
        roles: rolesOf(GovernanceScanResolver.prototype.governanceScan),
        args: { id: uuidArg },
        one: (_row, s, scope) => `from governance_scan ${s} where ${s}.id = ${scope.arg('id')}::uuid`,
      },
      governanceScans: {
        roles: rolesOf(GovernanceScanResolver.prototype.governanceScans),
        args: { ...pageArgs(['timestamp', 'uuid']), localityId: optionalUuidArg },
        page: (_row, s, scope) =>
          `from governance_scan ${s} where ${scanListed(s, scope.arg('localityId'))} and ${SCAN_ORDER.after(s, afterPart(scope, 1), afterPart(scope, 2))}`,
        orderBy: SCAN_ORDER.orderBy,
        cursor: SCAN_ORDER.cursor,
      },
      healthTrend: {
        roles: rolesOf(GovernanceHealthResolver.prototype.healthTrend),
        args: { programmeId: optionalUuidArg, localityId: optionalUuidArg, from: calendarDateArg, to: calendarDateArg },
        // The service's checks, in one: exactly one subject, a period of at most MAX_TREND_DAYS, a subject that exists.
        requires: (scope) => {
          const [programme, locality, from, to] = ['programmeId', 'localityId', 'from', 'to'].map(scope.arg);
          return `(${programme}::uuid is null) <> (${locality}::uuid is null) and ${from}::date <= ${to}::date
                  and ${to}::date - ${from}::date <= ${MAX_TREND_DAYS} and ${trendSubjectExists(programme, locality)}`;
        },
        many: (_row, h, scope) =>
          `from (select * ${trendSnapshots(`coalesce(${scope.arg('programmeId')}::uuid, ${scope.arg('localityId')}::uuid)`, scope.arg('from'), scope.arg('to'), `${h}_all`)}) ${h}`,
        orderBy: (h) => `${h}.taken_at, ${h}.id`,
      },
    });

    this.reads.addFields('GovernanceFlag', {
      id: column('id'),
      ruleCode: column('rule_code'),
      barrier: column('barrier'),
      severity: column('severity'),
      state: column('state'),
      subjectType: column('subject_type'),
      subjectId: column('subject_id'),
      message: column('message'),
      firstRaisedAt: dateTimeColumn('first_raised_at'),
      lastSeenAt: { value: (row) => dateTimeSql(flagLastSeen(row)) },
      evidenceChangedAt: dateTimeColumn('evidence_changed_at'),
      resolvedAt: dateTimeColumn('resolved_at'),
      acknowledgedAt: dateTimeColumn('acknowledged_at'),
      acknowledgedByUserId: column('acknowledged_by_user_id'),
      dismissedAt: dateTimeColumn('dismissed_at'),
      dismissedByUserId: column('dismissed_by_user_id'),
      dismissalReason: column('dismissal_reason'),
      locality: rowById('locality', 'locality_id'),
      programme: rowById('programme', 'programme_id'),
      organisation: rowById('organisation', 'organisation_id'),
      evidenceRecords: {
        many: (row, r) => storedEvidenceRecords(row, r),
        orderBy: RECORD_POSITION,
        stored: { fields: EVIDENCE_RECORD_FIELDS, json: (row) => `${row}.evidence_records_json` },
      },
      history: { many: (row, e) => flagHistoryFrom(row, e), orderBy: HISTORY_ORDER },
    });
    this.reads.addFields('FlagEvidenceRecord', { type: column('type'), id: column('id'), role: column('role') });
    this.reads.addFields('FlagHistoryEntry', {
      kind: column('kind'),
      at: dateTimeColumn('at'),
      actorUserId: column('actor_user_id'),
      reason: column('reason'),
    });

    this.reads.addFields('GovernanceScan', {
      id: column('id'),
      trigger: column('trigger'),
      state: column('state'),
      queuedAt: dateTimeColumn('queued_at'),
      startedAt: dateTimeColumn('started_at'),
      finishedAt: dateTimeColumn('finished_at'),
      asOf: dateTimeColumn('as_of'),
      attempts: column('attempts'),
      flagsRaised: column('flags_raised'),
      flagsUpdated: column('flags_updated'),
      flagsResolved: column('flags_resolved'),
      openFlags: column('open_flags'),
      durationMs: column('duration_ms'),
      error: column('error'),
      locality: rowById('locality', 'locality_id'),
    });

    this.reads.addFields('GovernanceHealth', {
      takenAt: dateTimeColumn('taken_at'),
      scanId: column('scan_id'),
      overall: column('overall'),
      flexibility: column('flexibility'),
      recognition: column('recognition'),
      communication: column('communication'),
      conflictResolution: column('conflict_resolution'),
      roleFit: column('role_fit'),
      leadership: column('leadership'),
      continuousImprovement: column('continuous_improvement'),
      openFlags: column('open_flags'),
    });
    this.reads.addFields('GovernanceFlagCounts', { high: column('high'), medium: column('medium'), low: column('low') });

    this.reads.addFields('Locality', {
      governanceHealth: latestHealth,
      governanceHealthAsOf: {
        args: { day: calendarDateArg },
        one: (row, h, scope) => {
          const day = scope.arg('day'); // bound (so checked) for every role, as the resolver's arguments are
          return readsGovernance(scope) ? latestSnapshot(`${row}.id`, h, endOfDay(day)) : `from health_snapshot ${h} ${NONE} and ${day}::text is null`;
        },
      },
      governanceFlagCounts: {
        one: (row, c, scope) => `from (select ${flagCountsIn(`${row}.id`, `${c}_f`)}) ${c}${readsGovernance(scope) ? '' : ` ${NONE}`}`,
      },
    });
    this.reads.addFields('Programme', { governanceHealth: latestHealth });

    this.reads.leaveExecuted('GovernanceFlag', JSONB_TEXT, ['evidence']);
    const rulesAreCode = 'the rules are code (GOVERNANCE_RULES) merged with the tenant\'s settings in TypeScript';
    this.reads.leaveExecuted('Query', rulesAreCode, ['governanceRules']);
    this.reads.leaveExecuted('GovernanceRule', rulesAreCode);
    this.reads.leaveExecuted('GovernanceRuleThreshold', rulesAreCode);
  }
}
