import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { JsonReads, column, rowById, uuidArg } from '@joinedup/graphql-kit';
import { readableProgramme } from '@joinedup/programmes';
import { localityAccessParam } from '@joinedup/registry';
import { MilestoneResolver } from './recognition.resolvers';
import { CONTRIBUTOR_ROWS, MILESTONE_ROWS, contributorRecognised, milestoneDaysOverdue, milestoneOverdue, toContributor, toMilestone } from './recognition.rows';

/**
 * The milestones' part of JsonReads: `milestone(id)`, a programme's milestones (their timing
 * the SQL the services read too) and their contributors. Where rows of Milestone and
 * MilestoneContributor live is said too (with their computed columns), so that the resolvers
 * of Programme.milestones and Milestone.contributors execute these same descriptions (DescribedLoaders).
 */
@Injectable()
export class MilestoneJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addRows('Milestone', { table: MILESTONE_ROWS, fromRow: toMilestone });
    this.reads.addRows('MilestoneContributor', { table: CONTRIBUTOR_ROWS, fromRow: toContributor });
    this.reads.addFields('Query', {
      milestone: {
        roles: rolesOf(MilestoneResolver.prototype.milestone),
        args: { id: uuidArg },
        // As MilestonesService.get: a milestone of a programme the caller may see.
        one: (_row, m, scope) =>
          `from milestone ${m} where ${m}.id = ${scope.arg('id')}::uuid
             and exists (select 1 from programme p where p.tenant_id = ${m}.tenant_id and p.id = ${m}.programme_id and ${readableProgramme('p', scope.caller(localityAccessParam))})`,
      },
    });
    this.reads.addFields('Programme', {
      milestones: {
        many: (row, m) => `from ${MILESTONE_ROWS} ${m} where ${m}.tenant_id = ${row}.tenant_id and ${m}.programme_id = ${row}.id`,
        orderBy: (m) => `${m}.due_on, lower(${m}.name), ${m}.id`,
      },
    });
    this.reads.addFields('Milestone', {
      id: column('id'),
      name: column('name'),
      dueOn: column('due_on'),
      achievedOn: column('achieved_on'),
      achieved: { value: (row) => `${row}.achieved_on is not null` },
      overdue: { value: milestoneOverdue },
      daysOverdue: { value: milestoneDaysOverdue },
      achievedByUserId: column('achieved_by_user_id'),
      programme: rowById('programme', 'programme_id'),
      contributors: {
        many: (row, c) => `from ${CONTRIBUTOR_ROWS} ${c} join organisation ${c}_o on ${c}_o.tenant_id = ${c}.tenant_id and ${c}_o.id = ${c}.organisation_id
                            where ${c}.tenant_id = ${row}.tenant_id and ${c}.milestone_id = ${row}.id`,
        orderBy: (c) => `lower(${c}_o.name), ${c}_o.id`,
      },
    });
    this.reads.addFields('MilestoneContributor', {
      recognised: { value: contributorRecognised },
      organisation: rowById('organisation', 'organisation_id'),
    });
  }
}
