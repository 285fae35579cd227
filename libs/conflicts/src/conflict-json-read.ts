import { Injectable, OnModuleInit } from '@nestjs/common';
import { Role, rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, PageField, ReadScope, column, dateTimeColumn, listArg, optionalUuidArg, pageArgs, rowById, uuidArg } from '@joinedup/graphql-kit';
import { readableProgramme } from '@joinedup/programmes';
import { localityAccessParam } from '@joinedup/registry';
import { allowedActionsSql } from './allowed-actions-sql';
import { CONFLICT_CURSOR, ConflictFilterSql, ConflictScope, conflictCursorKey, conflictOrder, conflictsOf } from './conflict-lists';
import { applicableVersionFrom, historyOf, historyOrder, partiesOf, partyOrder, processRows, processVisible } from './conflict-relations';
import { inVisibleLocality, readableConflicts, viewerParam } from './conflict-visibility';
import { CONFLICT_FILTER_MAX, MAX_STAGES } from './conflicts.inputs';
import { toProcess, toStage, toVersion } from './conflicts.rows';
import { ConflictProcessResolver, ConflictResolver } from './conflicts.resolvers';
import { AGREED_CONFLICT_PROCESSES } from './setup-progress.resolver';

/** `stage`: a list of stage numbers 1 to MAX_STAGES, as ConflictFilterArgs checks it. */
const stageListArg: ArgRule = (value) =>
  Array.isArray(value) && !value.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_STAGES) ? null : listArg(CONFLICT_FILTER_MAX.stage)(value);

/** The arguments of every list of conflicts (ConflictFilterArgs). */
const FILTER_ARGS = {
  ...pageArgs(CONFLICT_CURSOR),
  status: listArg(CONFLICT_FILTER_MAX.status),
  severity: listArg(CONFLICT_FILTER_MAX.severity),
  category: listArg(CONFLICT_FILTER_MAX.category),
  stage: stageListArg,
};

const filterOf = (scope: ReadScope): ConflictFilterSql => ({
  status: scope.arg('status'),
  severity: scope.arg('severity'),
  category: scope.arg('category'),
  stage: scope.arg('stage'),
  after: scope.arg('after'),
});

/** The root list's keys (ConflictsArgs), each with the scope of its list. */
const ROOT_KEYS: [string, ConflictScope][] = [
  ['localityId', 'LOCALITY'],
  ['programmeId', 'PROGRAMME'],
  ['organisationId', 'ORGANISATION'],
];

/** A page of the conflicts of the row (a locality or a programme), newest first, as conflictPages reads it. */
const conflictsPage = (scope: ConflictScope): PageField => ({
  args: FILTER_ARGS,
  page: (row, c, read) => `from ${conflictsOf(scope, `${row}.id`, read.caller(viewerParam), filterOf(read))} ${c}`,
  orderBy: conflictOrder,
  cursor: conflictCursorKey,
});

/**
 * The conflicts' part of JsonReads: the roots conflict, conflicts and conflictProcess, the
 * types Conflict, ConflictEvent, ConflictProcess, ConflictProcessVersion and ConflictStage,
 * and what conflicts add to Locality, Programme and SetupProgress. Rows are read through the same SQL as
 * the service and the loaders (readableConflicts masks the details per conflict for the
 * caller; conflictsOf, historyOf and partiesOf are the lists), in their order.
 */
@Injectable()
export class ConflictJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    // Where the rows of processes, versions and stages live: their relations below are executed by these descriptions too.
    this.reads.addRows('ConflictProcess', { table: processRows('true'), fromRow: toProcess });
    this.reads.addRows('ConflictProcessVersion', { table: 'conflict_process_version', fromRow: toVersion });
    this.reads.addRows('ConflictStage', { table: 'conflict_process_stage', fromRow: toStage });
    this.reads.addFields('Query', {
      conflict: {
        roles: rolesOf(ConflictResolver.prototype.conflict),
        args: { id: uuidArg },
        one: (_row, c, scope) => `from ${readableConflicts(scope.caller(viewerParam), `c.id = ${scope.arg('id')}::uuid`)} ${c}`,
      },
      conflicts: {
        roles: rolesOf(ConflictResolver.prototype.conflicts),
        args: { ...FILTER_ARGS, localityId: optionalUuidArg, programmeId: optionalUuidArg, organisationId: optionalUuidArg },
        // As ConflictsService.list: exactly one key, of a locality or programme the caller may see (as LocalitiesService.get
        // and ProgrammesService.get check), or an organisation.
        requires: (scope) => {
          const [locality, programme, organisation] = ROOT_KEYS.map(([name]) => `${scope.arg(name)}::uuid`);
          const access = scope.caller(localityAccessParam);
          return `num_nonnulls(${locality}, ${programme}, ${organisation}) = 1
            and (${locality} is null or ${inVisibleLocality(locality, access)})
            and (${programme} is null or exists (select 1 from programme pr where pr.id = ${programme} and ${readableProgramme('pr', access)}))
            and (${organisation} is null or exists (select 1 from organisation o where o.id = ${organisation}))`;
        },
        // The one key given picks its list; the others (null) match no conflict.
        page: (_row, c, scope) => {
          const lists = ROOT_KEYS.map(([name, kind]) => conflictsOf(kind, `${scope.arg(name)}::uuid`, scope.caller(viewerParam), filterOf(scope)));
          return `from (${lists.join(' union all ')}) ${c}`;
        },
        orderBy: conflictOrder,
        cursor: conflictCursorKey,
      },
      conflictProcess: {
        roles: rolesOf(ConflictProcessResolver.prototype.conflictProcess),
        args: { id: uuidArg },
        one: (_row, p, scope) => `from ${processRows(`p.id = ${scope.arg('id')}::uuid and ${processVisible(scope.caller(localityAccessParam))}`)} ${p}`,
      },
    });

    this.reads.addFields('Conflict', {
      id: column('id'),
      category: column('category'),
      severity: column('severity'),
      status: column('status'),
      detailsVisible: column('details_visible'),
      title: column('title'),
      description: column('description'),
      openedAt: dateTimeColumn('opened_at'),
      acknowledgedAt: dateTimeColumn('acknowledged_at'),
      resolutionStartedAt: dateTimeColumn('resolution_started_at'),
      currentStage: column('current_stage'),
      stageStartedOn: column('stage_started_on'),
      stageDueOn: column('stage_due_on'),
      stageOverdue: column('stage_overdue'),
      closedAt: dateTimeColumn('closed_at'),
      outcome: column('outcome'),
      closeReason: column('close_reason'),
      locality: rowById('locality', 'locality_id'),
      programme: rowById('programme', 'programme_id'),
      raisedByOrganisation: rowById('organisation', 'raised_by_organisation_id'),
      parties: { many: (row, o) => partiesOf(row, `${row}.details_visible`, o), orderBy: partyOrder },
      processVersion: rowById('conflict_process_version', 'process_version_id'),
      stage: {
        one: (row, s) =>
          `from conflict_process_stage ${s}
            where ${s}.tenant_id = ${row}.tenant_id and ${s}.version_id = ${row}.process_version_id and ${s}.stage_number = ${row}.current_stage`,
      },
      history: { many: (row, e) => `from ${historyOf(row, `${row}.details_visible`)} ${e}`, orderBy: historyOrder },
      allowedActions: {
        value: (row, scope) => {
          // As the resolver: only a representative is a raiser or a party, and a party only where they may read the details.
          const organisation = scope.role === Role.MEMBER_REPRESENTATIVE ? `${scope.caller(viewerParam)}::uuid` : null;
          return allowedActionsSql(scope.role, {
            status: `${row}.status`,
            hasNextStage: `coalesce(${row}.current_stage < (select count(*) from conflict_process_stage s
                             where s.tenant_id = ${row}.tenant_id and s.version_id = ${row}.process_version_id), false)`,
            raiser: organisation ? `coalesce(${row}.raised_by_organisation_id = ${organisation}, false)` : 'false',
            party: organisation
              ? `(${row}.details_visible and exists (select 1 from conflict_party p
                    where p.tenant_id = ${row}.tenant_id and p.conflict_id = ${row}.id and p.organisation_id = ${organisation}))`
              : 'false',
          });
        },
      },
    });

    this.reads.addFields('ConflictEvent', {
      id: column('id'),
      kind: column('kind'),
      fromStatus: column('from_status'),
      toStatus: column('to_status'),
      stage: column('stage'),
      stageDueOn: column('stage_due_on'),
      note: column('note'),
      actorUserId: column('actor_user_id'),
      actorOrganisation: rowById('organisation', 'actor_organisation_id'),
      occurredAt: dateTimeColumn('occurred_at'),
    });

    const versionsOf = (row: string, v: string) =>
      `from conflict_process_version ${v} where ${v}.tenant_id = ${row}.tenant_id and ${v}.process_id = ${row}.id`;
    const newestVersion = (agreed: boolean) => ({
      one: (row: string, v: string) => `${versionsOf(row, v)} and ${v}.agreed_on is ${agreed ? 'not ' : ''}null order by ${v}.version desc limit 1`,
    });
    this.reads.addFields('ConflictProcess', {
      id: column('id'),
      createdAt: dateTimeColumn('created_at'),
      locality: rowById('locality', 'locality_id'),
      programme: rowById('programme', 'programme_id'),
      // The newest agreed version, and the newest draft, of the versions newest first.
      agreedVersion: newestVersion(true),
      draftVersion: newestVersion(false),
      versions: { many: versionsOf, orderBy: (v) => `${v}.version desc` },
    });

    this.reads.addFields('ConflictProcessVersion', {
      id: column('id'),
      version: column('version'),
      agreedOn: column('agreed_on'),
      agreementRecordedAt: dateTimeColumn('agreement_recorded_at'),
      agreementRecordedByUserId: column('agreement_recorded_by_user_id'),
      createdAt: dateTimeColumn('created_at'),
      updatedAt: dateTimeColumn('updated_at'),
      stages: {
        many: (row, s) => `from conflict_process_stage ${s} where ${s}.tenant_id = ${row}.tenant_id and ${s}.version_id = ${row}.id`,
        orderBy: (s) => `${s}.stage_number`,
      },
      process: { one: (row, p) => `from ${processRows(`p.id = ${row}.process_id`)} ${p}` },
    });

    this.reads.addFields('ConflictStage', {
      number: column('stage_number'),
      name: column('name'),
      owner: column('owner'),
      timeLimitDays: column('time_limit_days'),
    });

    this.reads.addFields('Locality', {
      conflictProcess: { one: (row, p) => `from ${processRows(`p.locality_id = ${row}.id`)} ${p}` },
      conflicts: conflictsPage('LOCALITY'),
    });

    this.reads.addFields('Programme', {
      conflictProcess: { one: (row, p) => `from ${processRows(`p.programme_id = ${row}.id`)} ${p}` },
      applicableConflictProcess: { one: (row, v) => applicableVersionFrom(v, `${row}.locality_id`, `${row}.id`) },
      conflicts: conflictsPage('PROGRAMME'),
    });

    this.reads.addFields('SetupProgress', { agreedConflictProcesses: { value: () => AGREED_CONFLICT_PROCESSES } });
  }
}
