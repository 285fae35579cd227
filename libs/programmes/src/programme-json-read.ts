import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { ArgRule, JsonReads, column, dateTimeColumn, pageArgs, rowById, uuidArg } from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from '@joinedup/registry';
import { ProgrammeResolver } from './programme.resolvers';
import { readableProgramme, waitingForEndorsement } from './programme-access';
import { MAX_NOMINATIONS_LISTED } from './programme.inputs';
import { OPEN_PROGRAMMES } from './setup-progress.resolver';
import { toEndorsement, toLeader, toNomination, toProgramme, toReconfirmation } from './programme.rows';

const nominationsListedArg: ArgRule = (value) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_NOMINATIONS_LISTED ? { value } : null;

/** In a statement on NominationsToEndorse `row`: the nominations waiting for its organisation's position. */
const waitingFor = (row: string) =>
  `from leader_nomination n where n.tenant_id = ${row}.tenant_id and ${waitingForEndorsement('n', `${row}.organisation_id`, `${row}.access`)}`;

/**
 * The programmes' part of JsonReads: `programme(id)` and `programmes(localityId)` as root
 * reads, a locality's programmes, and the fields of Programme, AgreementRule, ProgrammeLeader,
 * LeaderNomination, Endorsement and LeaderReconfirmation, each as its resolver answers it
 * (rows, order and nulls the executed path had). Where their rows live is said too, so that the
 * resolvers of Locality.programmes, Programme.participants, leader, leaderHistory, openNomination
 * and nominations, LeaderNomination.endorsements and endorsementHistory and
 * ProgrammeLeader.reconfirmations execute these same descriptions (DescribedLoaders). A
 * nomination's `tally` is computed by the agreement rule in TypeScript (from the described
 * participants and endorsements): it is executed.
 */
@Injectable()
export class ProgrammeJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addRows('Programme', { table: 'programme', fromRow: toProgramme });
    this.reads.addRows('ProgrammeLeader', { table: 'programme_leader', fromRow: toLeader });
    this.reads.addRows('LeaderNomination', { table: 'leader_nomination', fromRow: toNomination });
    this.reads.addRows('Endorsement', { table: 'endorsement', fromRow: toEndorsement });
    this.reads.addRows('LeaderReconfirmation', { table: 'leader_reconfirmation', fromRow: toReconfirmation });
    const rule = 'the agreement rule (agreement.ts) counts the positions in TypeScript';
    this.reads.leaveExecuted('LeaderNomination', rule, ['tally']);
    this.reads.leaveExecuted('EndorsementTally', rule);
    this.reads.addFields('Query', {
      programme: {
        roles: rolesOf(ProgrammeResolver.prototype.programme),
        args: { id: uuidArg },
        // As ProgrammesService.get: a programme of a locality the caller may see.
        one: (_row, p, scope) => `from programme ${p} where ${p}.id = ${scope.arg('id')}::uuid and ${readableProgramme(p, scope.caller(localityAccessParam))}`,
      },
      programmes: {
        roles: rolesOf(ProgrammeResolver.prototype.programmes),
        args: { localityId: uuidArg, ...pageArgs(['text', 'uuid']) },
        // As ProgrammesService.list: NOT_FOUND (executed) for a locality the caller may not see.
        requires: (scope) =>
          `exists (select 1 from locality l where l.id = ${scope.arg('localityId')}::uuid and ${localityAccessCondition('l', scope.caller(localityAccessParam))})`,
        page: (_row, p, scope) =>
          `from programme ${p} where ${p}.locality_id = ${scope.arg('localityId')}::uuid
             and (${scope.arg('after')}::text[] is null or (${p}.name, ${p}.id) > (${scope.arg('after')}[1], ${scope.arg('after')}[2]::uuid))`,
        orderBy: (p) => `${p}.name, ${p}.id`,
        cursor: (p) => [`${p}.name`, `${p}.id`],
      },
    });
    this.reads.addFields('Locality', {
      programmes: {
        many: (row, p) => `from programme ${p} where ${p}.tenant_id = ${row}.tenant_id and ${p}.locality_id = ${row}.id`,
        orderBy: (p) => `${p}.name, ${p}.id`,
      },
    });
    this.reads.addFields('SetupProgress', { programmes: { value: () => OPEN_PROGRAMMES } });
    this.reads.addFields('Programme', {
      id: column('id'),
      name: column('name'),
      purpose: column('purpose'),
      status: column('status'),
      startsOn: column('starts_on'),
      endsOn: column('ends_on'),
      reviewCadenceDays: column('review_cadence_days'),
      leaderTermMonths: column('leader_term_months'),
      // The threshold is numeric(4,3): as a float8 its json is the Float GraphQL writes (0.667, 1).
      agreementRule: {
        one: (row, a) =>
          `from (select ${row}.agreement_rule as kind, ${row}.support_threshold::float8 as support_threshold, ${row}.max_opposing as max_opposing) ${a}`,
      },
      locality: rowById('locality', 'locality_id'),
      participants: {
        many: (row, o) => `from programme_participant ${o}_pp join organisation ${o} on ${o}.tenant_id = ${o}_pp.tenant_id and ${o}.id = ${o}_pp.organisation_id
                            where ${o}_pp.tenant_id = ${row}.tenant_id and ${o}_pp.programme_id = ${row}.id and ${o}_pp.left_at is null`,
        orderBy: (o) => `${o}.name`,
      },
      leader: {
        one: (row, l) => `from programme_leader ${l} where ${l}.tenant_id = ${row}.tenant_id and ${l}.programme_id = ${row}.id and ${l}.stepped_down_at is null`,
      },
      leaderHistory: {
        many: (row, l) => `from programme_leader ${l} where ${l}.tenant_id = ${row}.tenant_id and ${l}.programme_id = ${row}.id`,
        orderBy: (l) => `${l}.agreed_at`,
      },
      openNomination: {
        one: (row, n) => `from leader_nomination ${n} where ${n}.tenant_id = ${row}.tenant_id and ${n}.programme_id = ${row}.id and ${n}.status = 'OPEN'`,
      },
      nominations: {
        many: (row, n) => `from leader_nomination ${n} where ${n}.tenant_id = ${row}.tenant_id and ${n}.programme_id = ${row}.id`,
        orderBy: (n) => `${n}.nominated_at`,
      },
    });
    this.reads.addFields('Organisation', {
      // The organisation, the page size and who asks, as the row NominationsToEndorse is read from.
      nominationsToEndorse: {
        args: { first: nominationsListedArg },
        one: (row, t, scope) =>
          `from (select ${row}.tenant_id, ${row}.id as organisation_id, ${scope.arg('first')}::int as first,
                        ${scope.caller(localityAccessParam)}::uuid as access) ${t}`,
      },
    });
    this.reads.addFields('NominationsToEndorse', {
      count: { value: (row) => `(select count(*)::int ${waitingFor(row)})` },
      nodes: {
        many: (row, n) => `from (select n.* ${waitingFor(row)} order by n.nominated_at, n.id limit ${row}.first) ${n}`,
        orderBy: (n) => `${n}.nominated_at, ${n}.id`,
      },
    });
    this.reads.addFields('AgreementRule', {
      kind: column('kind'),
      supportThreshold: column('support_threshold'),
      maxOpposing: column('max_opposing'),
    });
    this.reads.addFields('ProgrammeLeader', {
      id: column('id'),
      nominationId: column('nomination_id'),
      agreedAt: dateTimeColumn('agreed_at'),
      reconfirmBy: column('reconfirm_by'),
      steppedDownAt: dateTimeColumn('stepped_down_at'),
      stepDownReason: column('step_down_reason'),
      person: rowById('person', 'person_id'),
      reconfirmations: {
        many: (row, r) => `from leader_reconfirmation ${r} where ${r}.tenant_id = ${row}.tenant_id and ${r}.leader_id = ${row}.id`,
        orderBy: (r) => `${r}.decided_at, ${r}.id`,
      },
    });
    this.reads.addFields('LeaderNomination', {
      id: column('id'),
      kind: column('kind'),
      status: column('status'),
      nominatedByUserId: column('nominated_by_user_id'),
      nominatedAt: dateTimeColumn('nominated_at'),
      decidedAt: dateTimeColumn('decided_at'),
      person: rowById('person', 'person_id'),
      programme: rowById('programme', 'programme_id'),
      // The position each organisation holds now: its latest endorsement.
      endorsements: {
        many: (row, e) => `from (select distinct on (organisation_id) * from endorsement
                                  where tenant_id = ${row}.tenant_id and nomination_id = ${row}.id
                                  order by organisation_id, endorsed_at desc, id desc) ${e}`,
        orderBy: (e) => `${e}.organisation_id`,
      },
      endorsementHistory: {
        many: (row, e) => `from endorsement ${e} where ${e}.tenant_id = ${row}.tenant_id and ${e}.nomination_id = ${row}.id`,
        orderBy: (e) => `${e}.endorsed_at, ${e}.id`,
      },
    });
    this.reads.addFields('Endorsement', {
      id: column('id'),
      position: column('position'),
      comment: column('comment'),
      endorsedByUserId: column('endorsed_by_user_id'),
      endorsedAt: dateTimeColumn('endorsed_at'),
      organisation: rowById('organisation', 'organisation_id'),
    });
    this.reads.addFields('LeaderReconfirmation', {
      id: column('id'),
      outcome: column('outcome'),
      dueOn: column('due_on'),
      decidedAt: dateTimeColumn('decided_at'),
      reconfirmedAt: dateTimeColumn('reconfirmed_at'),
      nextReconfirmBy: column('next_reconfirm_by'),
      nomination: rowById('leader_nomination', 'nomination_id'),
    });
  }
}
