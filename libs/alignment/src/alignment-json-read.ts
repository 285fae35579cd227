import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { JsonReads, PageField, column, cursorArg, dateTimeColumn, listArg, pageSizeArg, rowById, uuidArg } from '@joinedup/graphql-kit';
import { AlignmentScope, REQUEST_SOURCE, SCOPE_CONDITION, pageCondition, readableCondition, viewerParam } from './alignment-lists';
import { AlignmentRequestResolver } from './alignment.resolvers';
import { responseOverdue } from './alignment.rows';

/** A page of requests of the parent (as alignmentPages gives it): those the caller may read, newest first. */
const requestsOf = (scope: AlignmentScope): PageField => ({
  args: { first: pageSizeArg, after: cursorArg(['timestamp', 'uuid']), status: listArg(5) },
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
 * The alignment requests' part of JsonReads: `alignmentRequest(id)`, a programme's requests and
 * an organisation's made and received, and their history. `allowedActions` depends on who
 * the caller acts for (AlignmentService.actor, in TypeScript), the root `alignmentRequests`
 * checks its combination of arguments in the service, and the decline rates are computed by
 * alignment-rules.ts: those are executed.
 */
@Injectable()
export class AlignmentJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.leaveExecuted('AlignmentRequest', 'depends on whom the caller acts for (AlignmentService.actor, alignment-lifecycle.ts)', ['allowedActions']);
    this.reads.leaveExecuted('Query', 'AlignmentService.list checks which of programmeId, organisationId and direction go together', ['alignmentRequests']);
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
