import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { JsonReads, column, dateTimeColumn, rowById, uuidArg } from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from './locality-access';
import { LocalityResolver } from './registry.resolvers';

/**
 * The registry's part of JsonReads: `locality(id)` as a root read, and the fields of
 * Locality, Membership, Organisation, Person and Competency that are plain columns or
 * relations, each in the order its field resolver gives.
 */
@Injectable()
export class LocalityJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addFields('Query', {
      locality: {
        roles: rolesOf(LocalityResolver.prototype.locality),
        args: { id: uuidArg },
        // As LocalitiesService.get: a member representative sees the localities their body is in.
        one: (_row, l, scope) =>
          `from locality ${l} where ${l}.id = ${scope.arg('id')}::uuid and ${localityAccessCondition(l, scope.caller(localityAccessParam))}`,
      },
    });
    this.reads.addFields('Locality', {
      id: column('id'),
      name: column('name'),
      code: column('code'),
      region: column('region'),
      activeMemberCount: column('active_member_count'),
      archivedAt: dateTimeColumn('archived_at'),
      members: {
        many: (row, m) => `from membership ${m} join organisation ${m}_o on ${m}_o.tenant_id = ${m}.tenant_id and ${m}_o.id = ${m}.organisation_id
                            where ${m}.tenant_id = ${row}.tenant_id and ${m}.locality_id = ${row}.id and ${m}.left_on is null`,
        orderBy: (m) => `${m}.joined_on, ${m}_o.name`,
      },
    });
    this.reads.addFields('Membership', {
      id: column('id'),
      joinedOn: column('joined_on'),
      leftOn: column('left_on'),
      organisation: rowById('organisation', 'organisation_id'),
      locality: rowById('locality', 'locality_id'),
    });
    this.reads.addFields('Organisation', {
      id: column('id'),
      name: column('name'),
      sector: column('sector'),
      externalRef: column('external_ref'),
      people: {
        many: (row, p) => `from person ${p} where ${p}.tenant_id = ${row}.tenant_id and ${p}.organisation_id = ${row}.id`,
        orderBy: (p) => `${p}.full_name, ${p}.id`,
      },
    });
    this.reads.addFields('Person', {
      id: column('id'),
      fullName: column('full_name'),
      jobTitle: column('job_title'),
      email: column('email'),
      representsBody: column('represents_body'),
      organisation: rowById('organisation', 'organisation_id'),
      competencies: {
        many: (row, c) => `from person_competency ${c} where ${c}.tenant_id = ${row}.tenant_id and ${c}.person_id = ${row}.id`,
        orderBy: (c) => `${c}.name`,
      },
    });
    this.reads.addFields('Competency', { name: column('name'), level: column('level') });
  }
}
