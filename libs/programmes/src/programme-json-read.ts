import { Injectable, OnModuleInit } from '@nestjs/common';
import { JsonReads, column, dateTimeColumn, rowById } from '@joinedup/graphql-kit';

/**
 * The programmes' part of JsonReads: a locality's programmes, their participants and
 * current leader, in the order their field resolvers give (agreementRule is left to
 * execution: its threshold is a numeric column GraphQL writes as a Float).
 */
@Injectable()
export class ProgrammeJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addFields('Locality', {
      programmes: {
        many: (row, p) => `from programme ${p} where ${p}.tenant_id = ${row}.tenant_id and ${p}.locality_id = ${row}.id`,
        orderBy: (p) => `${p}.name, ${p}.id`,
      },
    });
    this.reads.addFields('Programme', {
      id: column('id'),
      name: column('name'),
      purpose: column('purpose'),
      status: column('status'),
      startsOn: column('starts_on'),
      endsOn: column('ends_on'),
      reviewCadenceDays: column('review_cadence_days'),
      leaderTermMonths: column('leader_term_months'),
      locality: rowById('locality', 'locality_id'),
      participants: {
        many: (row, o) => `from programme_participant ${o}_pp join organisation ${o} on ${o}.tenant_id = ${o}_pp.tenant_id and ${o}.id = ${o}_pp.organisation_id
                            where ${o}_pp.tenant_id = ${row}.tenant_id and ${o}_pp.programme_id = ${row}.id and ${o}_pp.left_at is null`,
        orderBy: (o) => `${o}.name`,
      },
      leader: {
        one: (row, l) => `from programme_leader ${l} where ${l}.tenant_id = ${row}.tenant_id and ${l}.programme_id = ${row}.id and ${l}.stepped_down_at is null`,
      },
    });
    this.reads.addFields('ProgrammeLeader', {
      id: column('id'),
      nominationId: column('nomination_id'),
      agreedAt: dateTimeColumn('agreed_at'),
      reconfirmBy: column('reconfirm_by'),
      steppedDownAt: dateTimeColumn('stepped_down_at'),
      stepDownReason: column('step_down_reason'),
      person: rowById('person', 'person_id'),
    });
  }
}
