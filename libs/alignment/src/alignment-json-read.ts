import { Injectable, OnModuleInit } from '@nestjs/common';
import { Role, actingBody, rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, PageField, column, cursorArg, dateTimeColumn, listArg, optionalUuidArg, pageSizeArg, rowById, uuidArg } from '@joinedup/graphql-kit';
import { readableProgramme } from '@joinedup/programmes';
import { allowedActionsSql } from './alignment-actor';
import { AlignmentScope, REQUEST_SOURCE, SCOPE_CONDITION, pageCondition, readableCondition, viewerParam } from './alignment-lists';
import { AlignmentRequestResolver } from './alignment.resolvers';
import { REQUEST_COLUMNS, responseOverdue, toEvent, toRequest } from './alignment.rows';
import { AlignmentDirection } from './alignment.types';

const PAGE_ARGS = { first: pageSizeArg, after: cursorArg(['timestamp', 'uuid']), status: listArg(5) };

/** `direction`: MADE, RECEIVED, or absent for both. */
const directionArg: ArgRule = (value) =>
  value === undefined || value === null ? { value: null } : value === AlignmentDirection.MADE || value === AlignmentDirection.RECEIVED ? { value } : null;

/** A page of requests of the parent (as alignmentPages gives it): those the caller may read, newest first. */
const requestsOf = (scope: AlignmentScope): PageField => ({
  args: PAGE_ARGS,
  page: (row, child, read) => {
    const after = read.arg('after');
    return `from (select r.* from ${REQUEST_SOURCE} cross join (select ${row}.id as key) k
                   where ${SCOPE_CONDITION[scope]} and ${readableCondition(read.caller(viewerParam))}
                     and ${pageCondition(read.arg('status'), `(${after}::text[])[1]`, `(${after}::text[])[2]`)}) ${child}`;
  },
  orderBy: (r) => `${r}.requested_at desc, ${r}.id desc`,
  cursor: (r) => [`${r}.requested_at`, `${r}.id`],
});

/**
 * `alignmentRequests(programmeId, organisationId, direction)` as AlignmentService.list answers
 * it: the requests of a programme, of an organisation (made, received or both) or of both at
 * once. A combination it refuses, a programme the caller may not read or an unknown
 * organisation is executed (its BAD_USER_INPUT or NOT_FOUND).
 */
const requestsAsked: PageField = {
  args: { programmeId: optionalUuidArg, organisationId: optionalUuidArg, direction: directionArg, ...PAGE_ARGS },
  requires: (read) => {
    const [programme, organisation, direction] = [read.arg('programmeId'), read.arg('organisationId'), read.arg('direction')];
    return `(${programme}::uuid is not null or ${organisation}::uuid is not null) and (${direction}::text is null or ${organisation}::uuid is not null)
      and (${programme}::uuid is null or exists (select 1 from programme p where p.id = ${programme}::uuid and ${readableProgramme('p', read.caller(viewerParam))}))
      and (${organisation}::uuid is null or exists (select 1 from organisation o where o.id = ${organisation}::uuid))`;
  },
  page: (_row, child, read) => {
    const [programme, organisation, direction, after] = [read.arg('programmeId'), read.arg('organisationId'), read.arg('direction'), read.arg('after')];
    return `from (select r.* from ${REQUEST_SOURCE} cross join (select coalesce(${organisation}::uuid, ${programme}::uuid) as key) k
                   where ${readableCondition(read.caller(viewerParam))}
                     and (${programme}::uuid is null or r.programme_id = ${programme}::uuid)
                     and case when ${organisation}::uuid is null then ${SCOPE_CONDITION.PROGRAMME}
                              when ${direction}::text = '${AlignmentDirection.MADE}' then ${SCOPE_CONDITION.MADE}
                              when ${direction}::text = '${AlignmentDirection.RECEIVED}' then ${SCOPE_CONDITION.RECEIVED}
                              else ${SCOPE_CONDITION.ORGANISATION} end
                     and ${pageCondition(read.arg('status'), `(${after}::text[])[1]`, `(${after}::text[])[2]`)}) ${child}`;
  },
  orderBy: (r) => `${r}.requested_at desc, ${r}.id desc`,
  cursor: (r) => [`${r}.requested_at`, `${r}.id`],
};

/**
 * The alignment requests' part of JsonReads: `alignmentRequest(id)`, a programme's requests and
 * an organisation's made and received, and their history, with the actions the caller may
 * take (written out from the lifecycle). The decline rates are computed by alignment-rules.ts
 * and executed.
 */
@Injectable()
export class AlignmentJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    // Where the rows of requests and their events live: a request's history is executed by its description below too.
    this.reads.addRows('AlignmentRequest', { table: `(select r.tenant_id, ${REQUEST_COLUMNS} from alignment_request r)`, fromRow: toRequest });
    this.reads.addRows('AlignmentRequestEvent', { table: 'alignment_request_event', fromRow: toEvent });
    const rates = 'the decline rate and its period are computed in TypeScript (alignment-rules.ts)';
    this.reads.leaveExecuted('AlignmentDeclineRate', rates);
    this.reads.leaveExecuted('Programme', rates, ['alignmentDeclineRates']);
    this.reads.leaveExecuted('Organisation', rates, ['alignmentDeclineRate']);
    this.reads.addFields('Query', {
      alignmentRequest: {
        roles: rolesOf(AlignmentRequestResolver.prototype.alignmentRequest),
        args: { id: uuidArg },
        // As AlignmentService.get: a request of a locality the caller may read.
        one: (_row, a, scope) =>
          `from alignment_request ${a} where ${a}.id = ${scope.arg('id')}::uuid
             and exists (select 1 from locality l where l.tenant_id = ${a}.tenant_id and l.id = ${a}.locality_id and ${readableCondition(scope.caller(viewerParam))})`,
      },
      alignmentRequests: { roles: rolesOf(AlignmentRequestResolver.prototype.alignmentRequests), ...requestsAsked },
    });
    this.reads.addFields('Programme', { alignmentRequests: requestsOf('PROGRAMME') });
    this.reads.addFields('Organisation', { alignmentRequestsMade: requestsOf('MADE'), alignmentRequestsReceived: requestsOf('RECEIVED') });
    this.reads.addFields('AlignmentRequest', {
      id: column('id'),
      kind: column('kind'),
      title: column('title'),
      description: column('description'),
      status: column('status'),
      requestedAt: dateTimeColumn('requested_at'),
      requestedOn: column('requested_on'),
      responseDueOn: column('response_due_on'),
      responseOverdue: { value: responseOverdue },
      allowedActions: { value: (row, scope) => allowedActionsSql(row, scope.role as Role, scope.caller(actingBody)) },
      response: column('response'),
      respondedAt: dateTimeColumn('responded_at'),
      respondedOn: column('responded_on'),
      plannedOn: column('planned_on'),
      declineReason: column('decline_reason'),
      adaptedOn: column('adapted_on'),
      withdrawnAt: dateTimeColumn('withdrawn_at'),
      withdrawalReason: column('withdrawal_reason'),
      programme: rowById('programme', 'programme_id'),
      locality: rowById('locality', 'locality_id'),
      requestingOrganisation: rowById('organisation', 'requesting_organisation_id'),
      targetOrganisation: rowById('organisation', 'target_organisation_id'),
      history: {
        many: (row, e) => `from alignment_request_event ${e} where ${e}.tenant_id = ${row}.tenant_id and ${e}.request_id = ${row}.id`,
        orderBy: (e) => `${e}.occurred_at, ${e}.id`,
      },
    });
    this.reads.addFields('AlignmentRequestEvent', {
      id: column('id'),
      fromStatus: column('from_status'),
      toStatus: column('to_status'),
      plannedOn: column('planned_on'),
      adaptedOn: column('adapted_on'),
      note: column('note'),
      actorUserId: column('actor_user_id'),
      occurredAt: dateTimeColumn('occurred_at'),
      actorOrganisation: rowById('organisation', 'actor_organisation_id'),
    });
  }
}
