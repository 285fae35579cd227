import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import {
  JsonReads,
  booleanArg,
  column,
  dateTimeColumn,
  intArg,
  optionalEnumArg,
  optionalTextArg,
  pageArgs,
  rowById,
  uuidArg,
} from '@joinedup/graphql-kit';
import { localityAccessCondition, localityAccessParam } from './locality-access';
import {
  afterKeys,
  byFullNameKeys,
  byNameKeys,
  competencyNamesSql,
  competencyOrder,
  localityFilter,
  membershipOfBodyOrder,
  membershipOrder,
  membershipsFrom,
  membershipsJoined,
  membershipsOfBodyFrom,
  membershipsOfBodyJoined,
  organisationFilter,
} from './registry-lists';
import { toLocality, toMembership, toOrganisation, toPerson } from './registry.rows';
import { SetupProgressResolver } from './setup-progress.resolver';
import { REGISTRY_SETUP_COUNTS } from './setup-progress.type';
import { CompetencyType } from './registry.types';
import { LocalityResolver, MAX_COMPETENCY_NAMES, MAX_NAME_FILTER, OrganisationResolver, PersonResolver } from './registry.resolvers';

/** Pages of these lists have cursors of a text then an id. */
const textThenId = pageArgs(['text', 'uuid']);

/**
 * The registry's part of JsonReads: its roots (`locality`, `localities`, `organisation`,
 * `organisations`, `person`, `competencyNames`) with the same access conditions, filters and
 * cursors as their services, and every field of Locality, Membership, Organisation, Person
 * and Competency that the registry resolves. Where their rows live is said too, so that the
 * resolvers of Membership.organisation/locality, Locality.members, Organisation.memberships
 * and people, Person.organisation and competencies and User.organisation execute these same
 * descriptions (DescribedLoaders): each relation is written here only.
 */
@Injectable()
export class LocalityJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addRows('Locality', { table: 'locality', fromRow: toLocality });
    this.reads.addRows('Membership', { table: 'membership', fromRow: toMembership });
    this.reads.addRows('Organisation', { table: 'organisation', fromRow: toOrganisation });
    this.reads.addRows('Person', { table: 'person', fromRow: toPerson });
    this.reads.addRows('Competency', { table: 'person_competency', fromRow: ({ name, level }: CompetencyType) => ({ name, level }) });
    this.reads.addFields('Query', {
      locality: {
        roles: rolesOf(LocalityResolver.prototype.locality),
        args: { id: uuidArg },
        // As LocalitiesService.get: a member representative sees the localities their body is in.
        one: (_row, l, scope) =>
          `from locality ${l} where ${l}.id = ${scope.arg('id')}::uuid and ${localityAccessCondition(l, scope.caller(localityAccessParam))}`,
      },
      localities: {
        roles: rolesOf(LocalityResolver.prototype.localities),
        args: { ...textThenId, nameContains: optionalTextArg(MAX_NAME_FILTER), includeArchived: booleanArg },
        page: (_row, l, scope) =>
          `from locality ${l} where ${localityAccessCondition(l, scope.caller(localityAccessParam))}
              and ${localityFilter(l, scope.arg('nameContains'), scope.arg('includeArchived'))} and ${afterKeys(byNameKeys(l), scope.arg('after'))}`,
        orderBy: (l) => byNameKeys(l).join(', '),
        cursor: byNameKeys,
      },
      organisation: {
        roles: rolesOf(OrganisationResolver.prototype.organisation),
        args: { id: uuidArg },
        one: (_row, o, scope) => `from organisation ${o} where ${o}.id = ${scope.arg('id')}::uuid`,
      },
      organisations: {
        roles: rolesOf(OrganisationResolver.prototype.organisations),
        args: { ...textThenId, nameContains: optionalTextArg(MAX_NAME_FILTER), sector: optionalEnumArg },
        page: (_row, o, scope) =>
          `from organisation ${o} where ${organisationFilter(o, scope.arg('nameContains'), scope.arg('sector'))} and ${afterKeys(byNameKeys(o), scope.arg('after'))}`,
        orderBy: (o) => byNameKeys(o).join(', '),
        cursor: byNameKeys,
      },
      person: {
        roles: rolesOf(PersonResolver.prototype.person),
        args: { id: uuidArg },
        one: (_row, p, scope) => `from person ${p} where ${p}.id = ${scope.arg('id')}::uuid`,
      },
      // One row for its counts, each an expression of its own (the set-up steps of later libraries add theirs).
      setupProgress: { roles: rolesOf(SetupProgressResolver.prototype.setupProgress), one: (_row, s) => `from (select 1) ${s}` },
      competencyNames: {
        roles: rolesOf(PersonResolver.prototype.competencyNames),
        args: { first: intArg(1, MAX_COMPETENCY_NAMES) },
        value: (_row, scope) =>
          `(select coalesce(array_agg(n.name order by lower(n.name)), '{}') from (${competencyNamesSql(`${scope.arg('first')}::int`)}) n)`,
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
        args: { includeFormer: booleanArg },
        many: (row, m, scope) =>
          `${membershipsFrom(m, scope.arg('includeFormer'))} and ${m}.tenant_id = ${row}.tenant_id and ${m}.locality_id = ${row}.id`,
        orderBy: membershipOrder,
        joined: membershipsJoined,
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
      memberships: {
        args: { includeFormer: booleanArg },
        many: (row, m, scope) =>
          `${membershipsOfBodyFrom(m, scope.arg('includeFormer'), scope.caller(localityAccessParam))}
              and ${m}.tenant_id = ${row}.tenant_id and ${m}.organisation_id = ${row}.id`,
        orderBy: membershipOfBodyOrder,
        joined: membershipsOfBodyJoined,
      },
      people: {
        many: (row, p) => `from person ${p} where ${p}.tenant_id = ${row}.tenant_id and ${p}.organisation_id = ${row}.id`,
        orderBy: (p) => byFullNameKeys(p).join(', '),
      },
      peopleConnection: {
        args: textThenId,
        page: (row, p, scope) =>
          `from person ${p} where ${p}.tenant_id = ${row}.tenant_id and ${p}.organisation_id = ${row}.id and ${afterKeys(byFullNameKeys(p), scope.arg('after'))}`,
        orderBy: (p) => byFullNameKeys(p).join(', '),
        cursor: byFullNameKeys,
      },
    });
    // UserOrganisationResolver: the body a member representative acts for.
    this.reads.addFields('User', { organisation: rowById('organisation', 'organisation_id') });
    this.reads.addFields('Person', {
      id: column('id'),
      fullName: column('full_name'),
      jobTitle: column('job_title'),
      email: column('email'),
      representsBody: column('represents_body'),
      organisation: rowById('organisation', 'organisation_id'),
      competencies: {
        many: (row, c) => `from person_competency ${c} where ${c}.tenant_id = ${row}.tenant_id and ${c}.person_id = ${row}.id`,
        orderBy: competencyOrder,
      },
    });
    this.reads.addFields('Competency', { name: column('name'), level: column('level') });
    this.reads.addFields(
      'SetupProgress',
      Object.fromEntries(Object.entries(REGISTRY_SETUP_COUNTS).map(([field, count]) => [field, { value: () => count }])),
    );
  }
}
