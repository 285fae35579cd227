import { Injectable } from '@nestjs/common';
import { Principal } from '@joinedup/access';
import { AuditWriter } from '@joinedup/audit';
import { OutboxWriter, TenantDb, isUniqueViolation, violatedConstraint } from '@joinedup/database';
import { badInput, conflict, notFound } from '@joinedup/errors';
import { ProgrammeReason, ProgrammeStatus, ProgrammeType, ProgrammesService, readableProgramme } from '@joinedup/programmes';
import { PeopleService, PersonType, localityAccessParam } from '@joinedup/registry';
import { DOMAIN_EVENT, EventPayload, recordEvent } from '@joinedup/events';
import { fitSql } from './role-fit.sql';
import { requiredCompetencyOrder } from './role-lists';
import { AssignRoleInput, DefineRoleInput, RequiredCompetencyInput, RetireRoleInput, UpdateRoleInput, VacateRoleInput } from './role.inputs';
import { ASSIGNMENT_COLUMNS, AssignmentRow, ROLE_COLUMNS, RoleRow, roleColumns, toAssignment, toRole } from './role.rows';
import { AssignmentEndCause, ProgrammeRoleType, RoleAssignmentType, SelectionMethod } from './role.types';
import { RoleReason } from './roles.errors';

/** The most current (not retired) roles one programme may have. */
export const MAX_ROLES_PER_PROGRAMME = 20;

/** The programme facts a role's rules need. */
interface RoleProgramme {
  id: string;
  name: string;
  status: ProgrammeStatus;
  localityId: string;
}

interface LockedRole {
  role: ProgrammeRoleType;
  programme: RoleProgramme;
}

/**
 * Programme roles and who holds them. The database guarantees one current holder per role
 * (a partial unique index: two assignments that race give one holder and one CONFLICT),
 * keeps `vacant_since`, and ends assignments when the holder's organisation leaves.
 */
@Injectable()
export class RolesService {
  constructor(
    private readonly db: TenantDb,
    private readonly programmes: ProgrammesService,
    private readonly people: PeopleService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** A role of a programme in a locality the caller may see, or NOT_FOUND. */
  async get(principal: Principal, id: string): Promise<ProgrammeRoleType> {
    return (await this.find(principal, id)).role;
  }

  async define(principal: Principal, input: DefineRoleInput): Promise<ProgrammeRoleType> {
    // Locked: roles of one programme are defined one at a time, so the cap holds.
    const programme = await this.programmes.get(principal, input.programmeId, true);
    refuseClosed(programme);
    checkCompetencies(input.requiredCompetencies);
    const [{ n }] = await this.db.query<{ n: number }>(
      `select count(*)::int as n from programme_role where programme_id = $1 and retired_at is null`,
      [programme.id],
    );
    if (n >= MAX_ROLES_PER_PROGRAMME) {
      throw conflict(`${programme.name} already has ${MAX_ROLES_PER_PROGRAMME} roles, the most it may have; retire one first.`, RoleReason.TOO_MANY_ROLES);
    }
    let row: RoleRow;
    try {
      [row] = await this.db.query<RoleRow>(
        `insert into programme_role (tenant_id, programme_id, title, responsibilities, required_for_programme)
         values ($1, $2, $3, $4, $5) returning ${ROLE_COLUMNS}`,
        [principal.tenantId, programme.id, input.title, input.responsibilities || null, input.requiredForProgramme],
      );
    } catch (error) {
      throw titleTaken(error, programme.name, input.title);
    }
    await this.writeCompetencies(principal, row.id, input.requiredCompetencies);
    const role = toRole(row);
    await this.audit.record({
      action: 'role.defined',
      entityType: 'ROLE',
      entityId: role.id,
      after: { ...role, requiredCompetencies: input.requiredCompetencies },
    });
    await this.roleChanged(programme, role.id, 'DEFINED');
    return role;
  }

  async update(principal: Principal, input: UpdateRoleInput): Promise<ProgrammeRoleType> {
    const { role: before, programme } = await this.find(principal, input.roleId, 'update');
    refuseRetired(before);
    refuseClosed(programme);
    if (input.requiredCompetencies) checkCompetencies(input.requiredCompetencies);
    const competenciesBefore = await this.competencies(before.id);
    const title = input.title ?? before.title;
    let row: RoleRow;
    try {
      [row] = await this.db.query<RoleRow>(
        `update programme_role set title = $2, responsibilities = $3, required_for_programme = $4, updated_at = now()
          where id = $1 returning ${ROLE_COLUMNS}`,
        [
          before.id,
          title,
          input.responsibilities !== undefined ? input.responsibilities || null : before.responsibilities,
          input.requiredForProgramme ?? before.requiredForProgramme,
        ],
      );
    } catch (error) {
      throw titleTaken(error, programme.name, title);
    }
    if (input.requiredCompetencies) {
      await this.db.query(`delete from programme_role_competency where role_id = $1`, [before.id]);
      await this.writeCompetencies(principal, before.id, input.requiredCompetencies);
    }
    const after = toRole(row);
    await this.audit.record({
      action: 'role.updated',
      entityType: 'ROLE',
      entityId: after.id,
      before: { ...before, requiredCompetencies: competenciesBefore },
      after: { ...after, requiredCompetencies: input.requiredCompetencies ?? competenciesBefore },
    });
    await this.roleChanged(programme, after.id, 'UPDATED');
    return after;
  }

  /** Retires a role: its holder (if any) stops holding it; it stays readable with its history. */
  async retire(principal: Principal, input: RetireRoleInput): Promise<ProgrammeRoleType> {
    const { role: before, programme } = await this.find(principal, input.roleId, 'update');
    refuseRetired(before);
    await this.endCurrent(principal, before, programme, AssignmentEndCause.ROLE_RETIRED, input.reason || 'The role was retired.');
    const [row] = await this.db.query<RoleRow>(
      `update programme_role set retired_at = now(), retire_reason = $2, updated_at = now() where id = $1 returning ${ROLE_COLUMNS}`,
      [before.id, input.reason || null],
    );
    const after = toRole(row);
    await this.audit.record({ action: 'role.retired', entityType: 'ROLE', entityId: after.id, before, after });
    await this.roleChanged(programme, after.id, 'RETIRED');
    return after;
  }

  async assign(principal: Principal, input: AssignRoleInput): Promise<RoleAssignmentType> {
    // FOR UPDATE: concurrent assignments of one role take turns (the second then sees the
    // holder). FOR SHARE would deadlock them: each insert's trigger updates the role row
    // (vacant_since) that the other holds shared, while waiting on the other's insert.
    const { role, programme } = await this.find(principal, input.roleId, 'update');
    refuseRetired(role);
    refuseClosed(programme);
    const person = await this.people.get(input.personId);
    await this.requireParticipant(person, programme);
    const rationale = input.rationale?.trim() || null;
    if (input.selectionMethod !== SelectionMethod.OPEN_SELECTION && !rationale) {
      throw badInput(
        `Say why ${person.fullName} was ${input.selectionMethod === SelectionMethod.APPOINTED ? 'appointed' : 'given the role by default'}: a rationale is required unless the holder was chosen by open selection.`,
        'rationale',
      );
    }
    const [holder] = await this.db.query<{ person_id: string; full_name: string }>(
      `select a.person_id, p.full_name from role_assignment a join person p on p.tenant_id = a.tenant_id and p.id = a.person_id
        where a.role_id = $1 and a.ended_at is null`,
      [role.id],
    );
    if (holder) {
      throw conflict(
        holder.person_id === person.id
          ? `${holder.full_name} already holds "${role.title}".`
          : `"${role.title}" is held by ${holder.full_name}; vacate it first (with a reason) to assign someone else.`,
        RoleReason.ROLE_HELD,
      );
    }

    let row: AssignmentRow;
    try {
      [row] = await this.db.query<AssignmentRow>(
        `insert into role_assignment (tenant_id, programme_id, role_id, person_id, organisation_id, selection_method, rationale,
                                      fit_at_assignment, assigned_by_user_id)
         select $1, $2, $3, $4, $5, $6, $7, round(f.score::numeric, 3), $8
           from (${fitSql(`(select $3::uuid as key, $1::uuid as tenant_id, $3::uuid as role_id, $4::uuid as person_id)`)}) f
         returning ${ASSIGNMENT_COLUMNS}`,
        [principal.tenantId, programme.id, role.id, person.id, person.organisationId, input.selectionMethod, rationale, principal.userId],
      );
    } catch (error) {
      if (isUniqueViolation(error) && violatedConstraint(error) === 'role_assignment_current_key') {
        throw conflict(`"${role.title}" has just been given to someone else; vacate it first (with a reason) to assign another person.`, RoleReason.ROLE_HELD);
      }
      if (violatedConstraint(error) === 'role_assignment_participant') throw notParticipating(person, programme);
      throw error;
    }
    const assignment = toAssignment(row);
    await this.audit.record({ action: 'role_assignment.created', entityType: 'ROLE_ASSIGNMENT', entityId: row.id, after: assignment });
    await this.assignmentChanged(programme, assignment, 'ASSIGNED');
    return assignment;
  }

  /** Ends the current holder's assignment, with a reason; the role is vacant from today. */
  async vacate(principal: Principal, input: VacateRoleInput): Promise<RoleAssignmentType> {
    const { role, programme } = await this.find(principal, input.roleId, 'update');
    const ended = await this.endCurrent(principal, role, programme, AssignmentEndCause.VACATED, input.reason);
    if (!ended) throw conflict(`"${role.title}" has no holder to vacate.`, RoleReason.ROLE_VACANT);
    return ended;
  }

  private async endCurrent(
    principal: Principal,
    role: ProgrammeRoleType,
    programme: RoleProgramme,
    cause: AssignmentEndCause,
    reason: string,
  ): Promise<RoleAssignmentType | null> {
    const [row] = await this.db.query<AssignmentRow>(
      `update role_assignment set ended_at = now(), end_cause = $2, end_reason = $3, ended_by_user_id = $4
        where role_id = $1 and ended_at is null returning ${ASSIGNMENT_COLUMNS}`,
      [role.id, cause, reason, principal.userId],
    );
    if (!row) return null;
    const ended = toAssignment(row);
    await this.audit.record({
      action: 'role_assignment.ended',
      entityType: 'ROLE_ASSIGNMENT',
      entityId: ended.id,
      before: { ...ended, endedAt: null, endCause: null, endReason: null, endedByUserId: null },
      after: ended,
    });
    await this.assignmentChanged(programme, ended, 'ENDED');
    return ended;
  }

  /** The role with its programme, if the caller may see that programme's locality; optionally locked. */
  private async find(principal: Principal, id: string, lock?: 'update'): Promise<LockedRole> {
    const [row] = await this.db.query<RoleRow & { programme_name: string; programme_status: ProgrammeStatus; locality_id: string }>(
      `select ${roleColumns('r')}, p.name as programme_name, p.status as programme_status, p.locality_id
         from programme_role r
         join programme p on p.tenant_id = r.tenant_id and p.id = r.programme_id
        where r.id = $1 and ${readableProgramme('p', '$2')}
        ${lock ? 'for update of r' : ''}`,
      [id, localityAccessParam(principal)],
    );
    if (!row) throw notFound('The role');
    return {
      role: toRole(row),
      programme: { id: row.programme_id, name: row.programme_name, status: row.programme_status, localityId: row.locality_id },
    };
  }

  /**
   * The person's organisation must take part in the programme now; its participation is
   * locked (FOR SHARE) so it cannot end before this transaction commits unnoticed.
   */
  private async requireParticipant(person: PersonType, programme: RoleProgramme): Promise<void> {
    const rows = await this.db.query(
      `select 1 from programme_participant where programme_id = $1 and organisation_id = $2 and left_at is null for share`,
      [programme.id, person.organisationId],
    );
    if (!rows.length) throw notParticipating(person, programme);
  }

  private async competencies(roleId: string): Promise<RequiredCompetencyInput[]> {
    const rows = await this.db.query<{ name: string; min_level: number }>(
      `select name, min_level from programme_role_competency c where role_id = $1 order by ${requiredCompetencyOrder('c')}`,
      [roleId],
    );
    return rows.map((r) => ({ name: r.name, minLevel: r.min_level }));
  }

  private async writeCompetencies(principal: Principal, roleId: string, competencies: RequiredCompetencyInput[]): Promise<void> {
    if (!competencies.length) return;
    await this.db.query(
      `insert into programme_role_competency (tenant_id, role_id, name, min_level)
       select $1, $2, c.name, c.min_level from unnest($3::text[], $4::int[]) as c(name, min_level)`,
      [principal.tenantId, roleId, competencies.map((c) => c.name), competencies.map((c) => c.minLevel)],
    );
  }

  private async roleChanged(programme: RoleProgramme | ProgrammeType, roleId: string, change: EventPayload<'roleChanged'>['change']) {
    await recordEvent(this.outbox, DOMAIN_EVENT.roleChanged, { programmeId: programme.id, localityId: programme.localityId, roleId, change });
  }

  private async assignmentChanged(programme: RoleProgramme, assignment: RoleAssignmentType, change: EventPayload<'roleAssignmentChanged'>['change']) {
    await recordEvent(this.outbox, DOMAIN_EVENT.roleAssignmentChanged, {
      programmeId: programme.id,
      localityId: programme.localityId,
      roleId: assignment.roleId,
      assignmentId: assignment.id,
      personId: assignment.personId,
      change,
      ...(assignment.endCause ? { endCause: assignment.endCause } : {}),
    });
  }
}

function refuseClosed(programme: { name: string; status: ProgrammeStatus }): void {
  if (programme.status === ProgrammeStatus.CLOSED) throw conflict(`${programme.name} is closed; its roles can no longer be defined, changed or filled.`, ProgrammeReason.PROGRAMME_CLOSED);
}

function refuseRetired(role: ProgrammeRoleType): void {
  if (role.retiredAt) throw conflict(`"${role.title}" has been retired; define a new role instead.`, RoleReason.ROLE_RETIRED);
}

function checkCompetencies(competencies: RequiredCompetencyInput[]): void {
  const names = competencies.map((c) => c.name.toLowerCase());
  if (new Set(names).size !== names.length) throw badInput('Each competency may be listed once.', 'requiredCompetencies');
}

function notParticipating(person: PersonType, programme: RoleProgramme) {
  return badInput(`${person.fullName} does not work for an organisation taking part in ${programme.name}.`, 'personId');
}

function titleTaken(error: unknown, programmeName: string, title: string): unknown {
  if (isUniqueViolation(error) && violatedConstraint(error) === 'programme_role_title_key') {
    return conflict(`${programmeName} already has a role titled "${title}".`, RoleReason.ROLE_TITLE_TAKEN);
  }
  return error;
}
