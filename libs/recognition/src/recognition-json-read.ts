import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, OneField, ReadScope, booleanArg, column, intArg, rowById, uuidArg } from '@joinedup/graphql-kit';
import { readableProgramme } from '@joinedup/programmes';
import { localityAccessParam } from '@joinedup/registry';
import { RecipientScope, organisationRecipientCondition, receivedFrom, receivedOrder, recipientCondition, visibilityCounts } from './recognition-lists';
import { MAX_RECOGNITIONS_LISTED } from './recognition.inputs';
import { RecognitionResolver } from './recognition.resolvers';
import { isCalendarDate, periodProblem, visibilityListSql } from './recognition.rules';
import { toRecognition } from './recognition.rows';

/** A period's day: a calendar date, and `to` not before `from` (periodProblem); otherwise the resolver's BAD_USER_INPUT. */
const periodDay: ArgRule = (value, args) =>
  typeof value === 'string' && typeof args?.from === 'string' && typeof args.to === 'string' && isCalendarDate(value) && !periodProblem(args.from, args.to)
    ? { value }
    : null;

const PERIOD_ARGS = { from: periodDay, to: periodDay, first: intArg(1, MAX_RECOGNITIONS_LISTED) };

/**
 * RecognitionsReceived of the row `row` as one row: the period as given, the counts, and the
 * ids of the first `first` recognitions in order (written by its `recognitions`).
 */
function received(recipient: (scope: ReadScope, r: string, row: string) => string): (row: string, child: string, scope: ReadScope) => string {
  return (row, child, scope) => {
    const [from, to] = [`${scope.arg('from')}::text`, `${scope.arg('to')}::text`];
    const r = `${child}_r`;
    const counts = Object.entries(visibilityCounts(r)).map(([name, count]) => `${count}::int as ${name}`);
    return `from (select ${from} as from_on, ${to} as to_on, count(*)::int as total, ${counts.join(', ')},
                         (array_agg(${r}.id order by ${receivedOrder(r)}))[1:${scope.arg('first')}::int] as ids
                    from ${receivedFrom(r, from, to, scope.caller(localityAccessParam))} and ${recipient(scope, r, row)}) ${child}`;
  };
}

const receivedBy = (scope: RecipientScope): OneField => ({ args: PERIOD_ARGS, one: received((_scope, r, row) => recipientCondition(scope, r, `${row}.id`)) });

/**
 * The recognitions' part of JsonReads: `recognition(id)` (a recognition of a programme the
 * caller may read, as RecognitionsService.get), its fields, and the recognitions received
 * by an organisation or a person or recorded in a programme, counted and listed as
 * RecognitionLoaders.received gives them, and a milestone's latest (its resolver executes this
 * description, DescribedLoaders). The rest of Milestone is MilestoneJsonRead's.
 */
@Injectable()
export class RecognitionJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addRows('Recognition', { table: 'recognition', fromRow: toRecognition });
    this.reads.addFields('Query', {
      recognition: {
        roles: rolesOf(RecognitionResolver.prototype.recognition),
        args: { id: uuidArg },
        one: (_row, r, scope) =>
          `from recognition ${r} join programme ${r}_p on ${r}_p.tenant_id = ${r}.tenant_id and ${r}_p.id = ${r}.programme_id
            where ${r}.id = ${scope.arg('id')}::uuid and ${readableProgramme(`${r}_p`, scope.caller(localityAccessParam))}`,
      },
    });
    this.reads.addFields('Recognition', {
      id: column('id'),
      reason: column('reason'),
      givenOn: column('given_on'),
      visibleIn: { value: visibilityListSql },
      visibleInOwnOrganisation: column('visible_in_own_organisation'),
      recordedOn: column('recorded_on'),
      recordedByUserId: column('recorded_by_user_id'),
      programme: rowById('programme', 'programme_id'),
      milestone: rowById('milestone', 'milestone_id'),
      creditedPerson: rowById('person', 'credited_person_id'),
      creditedOrganisation: rowById('organisation', 'credited_organisation_id'),
      recipientOrganisation: rowById('organisation', 'recipient_organisation_id'),
      givenByPerson: rowById('person', 'given_by_person_id'),
      givenByOrganisation: rowById('organisation', 'given_by_organisation_id'),
      giverOrganisation: rowById('organisation', 'giver_organisation_id'),
    });
    this.reads.addFields('RecognitionsReceived', {
      from: column('from_on'),
      to: column('to_on'),
      total: column('total'),
      visibleOnPartnershipBoard: column('on_board'),
      visibleInOwnOrganisation: column('in_own_organisation'),
      visiblePublicly: column('publicly'),
      recognitions: {
        many: (row, r) => `from unnest(${row}.ids) with ordinality as ${r}_k(id, n) join recognition ${r} on ${r}.id = ${r}_k.id`,
        orderBy: (r) => `${r}_k.n`,
      },
    });
    this.reads.addFields('Organisation', {
      recognitionsReceived: {
        args: { ...PERIOD_ARGS, includePeople: booleanArg },
        one: received((scope, r, row) => organisationRecipientCondition(r, `${row}.id`, scope.arg('includePeople'))),
      },
    });
    this.reads.addFields('Milestone', {
      recognitions: {
        args: { first: intArg(1, MAX_RECOGNITIONS_LISTED) },
        many: (row, r, scope) =>
          `from (select * from recognition ${r} where ${r}.tenant_id = ${row}.tenant_id and ${r}.milestone_id = ${row}.id
                  order by ${receivedOrder(r)} limit ${scope.arg('first')}::int) ${r}`,
        orderBy: receivedOrder,
      },
    });
    this.reads.addFields('Person', { recognitionsReceived: receivedBy('PERSON') });
    this.reads.addFields('Programme', { recognitions: receivedBy('PROGRAMME') });
  }
}
