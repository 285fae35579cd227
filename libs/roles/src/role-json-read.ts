import { Injectable, OnModuleInit } from '@nestjs/common';
import { rolesOf } from '@joinedup/access';
import { JsonReads, ValueField, booleanArg, column, dateTimeColumn, intArg, rowById, uuidArg } from '@joinedup/graphql-kit';
import { readableProgramme } from '@joinedup/programmes';
import { localityAccessParam } from '@joinedup/registry';
import { fitSql } from './role-fit.sql';
import { MAX_CANDIDATES } from './role.inputs';
import { heldRolesFrom, heldRolesJoined, rankedCandidates, heldRolesOrder, historyOrder, requiredCompetencyOrder, roleOrder, rolesOfProgrammeCondition } from './role-lists';
import { ProgrammeRoleResolver } from './role.resolvers';
import { toAssignment, toRole } from './role.rows';

/** A field of a json object column (a competency gap of a fit), as `type`. */
const jsonField = (name: string, type = 'text'): ValueField => ({ value: (row) => `(${row}.value->>'${name}')::${type}` });

/**
 * The roles' part of JsonReads: `programmeRole(id)` with RolesService's access condition,
 * roles, their requirements, holders and history, a holder's fit (fitSql, as the loader
 * computes it), the candidates ranked by fit, the roles a person holds and a programme's roles, in their loaders' orders.
 * Where rows of roles, assignments and required competencies live is said too, so that the
 * resolvers of ProgrammeRole.requiredCompetencies, holder and history, Programme.roles and
 * Person.rolesHeld execute these same descriptions (DescribedLoaders).
 */
@Injectable()
export class RoleJsonRead implements OnModuleInit {
  constructor(private readonly reads: JsonReads) {}

  onModuleInit(): void {
    this.reads.addRows('ProgrammeRole', { table: 'programme_role', fromRow: toRole });
    this.reads.addRows('RoleAssignment', { table: 'role_assignment', fromRow: toAssignment });
    this.reads.addRows('RequiredCompetency', {
      table: 'programme_role_competency',
      fromRow: (r: { name: string; min_level: number }) => ({ name: r.name, minLevel: r.min_level }),
    });
    this.reads.addFields('Query', {
      programmeRole: {
        roles: rolesOf(ProgrammeRoleResolver.prototype.programmeRole),
        args: { id: uuidArg },
        // As RolesService.get: a role of a programme the caller may read.
        one: (_row, r, scope) =>
          `from programme_role ${r} join programme ${r}_p on ${r}_p.tenant_id = ${r}.tenant_id and ${r}_p.id = ${r}.programme_id
            where ${r}.id = ${scope.arg('id')}::uuid and ${readableProgramme(`${r}_p`, scope.caller(localityAccessParam))}`,
      },
    });
    this.reads.addFields('ProgrammeRole', {
      id: column('id'),
      title: column('title'),
      responsibilities: column('responsibilities'),
      requiredForProgramme: column('required_for_programme'),
      vacantSince: column('vacant_since'),
      retiredAt: dateTimeColumn('retired_at'),
      retireReason: column('retire_reason'),
      createdAt: dateTimeColumn('created_at'),
      programme: rowById('programme', 'programme_id'),
      requiredCompetencies: {
        many: (row, c) => `from programme_role_competency ${c} where ${c}.tenant_id = ${row}.tenant_id and ${c}.role_id = ${row}.id`,
        orderBy: requiredCompetencyOrder,
      },
      holder: {
        one: (row, a) => `from role_assignment ${a} where ${a}.tenant_id = ${row}.tenant_id and ${a}.role_id = ${row}.id and ${a}.ended_at is null`,
      },
      candidates: {
        args: { first: intArg(1, MAX_CANDIDATES) },
        many: (row, c, scope) => `from (${rankedCandidates(`r.id = ${row}.id`)}) ${c} where ${c}.rank <= ${scope.arg('first')}::int`,
        orderBy: (c) => `${c}.rank`,
      },
      history: {
        many: (row, a) => `from role_assignment ${a} where ${a}.tenant_id = ${row}.tenant_id and ${a}.role_id = ${row}.id`,
        orderBy: historyOrder,
      },
    });
    this.reads.addFields('RequiredCompetency', { name: column('name'), minLevel: column('min_level') });
    this.reads.addFields('RoleAssignment', {
      id: column('id'),
      selectionMethod: column('selection_method'),
      rationale: column('rationale'),
      fitAtAssignment: { value: (row) => `${row}.fit_at_assignment::float8` },
      assignedByUserId: column('assigned_by_user_id'),
      assignedAt: dateTimeColumn('assigned_at'),
      endedAt: dateTimeColumn('ended_at'),
      endCause: column('end_cause'),
      endReason: column('end_reason'),
      endedByUserId: column('ended_by_user_id'),
      role: rowById('programme_role', 'role_id'),
      person: rowById('person', 'person_id'),
      organisation: rowById('organisation', 'organisation_id'),
      fit: { one: (row, f) => `from (${fitSql(`(select ${row}.id as key, ${row}.tenant_id, ${row}.role_id, ${row}.person_id)`)}) ${f}` },
    });
    this.reads.addFields('RoleCandidate', {
      person: rowById('person', 'person_id'),
      fit: { one: (row, f) => `from (select ${row}.score, ${row}.met, ${row}.required, ${row}.gaps) ${f}` },
    });
    this.reads.addFields('RoleFit', {
      score: column('score'),
      met: column('met'),
      required: column('required'),
      gaps: { many: (row, g) => `from jsonb_array_elements(${row}.gaps) with ordinality as ${g}(value, n)`, orderBy: (g) => `${g}.n` },
    });
    this.reads.addFields('CompetencyGap', {
      competency: jsonField('competency'),
      requiredLevel: jsonField('requiredLevel', 'int'),
      heldLevel: jsonField('heldLevel', 'int'),
    });
    this.reads.addFields('Person', {
      rolesHeld: {
        many: (row, a, scope) => `${heldRolesFrom(a, scope.caller(localityAccessParam))} and ${a}.tenant_id = ${row}.tenant_id and ${a}.person_id = ${row}.id`,
        orderBy: heldRolesOrder,
        joined: heldRolesJoined,
      },
    });
    this.reads.addFields('Programme', {
      roles: {
        args: { includeRetired: booleanArg },
        many: (row, r, scope) =>
          `from programme_role ${r} where ${r}.tenant_id = ${row}.tenant_id and ${r}.programme_id = ${row}.id and ${rolesOfProgrammeCondition(r, scope.arg('includeRetired'))}`,
        orderBy: roleOrder,
      },
    });
  }
}
