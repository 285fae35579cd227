import { AssignmentEndCause, ProgrammeRoleType, RoleAssignmentType, SelectionMethod } from './role.types';

export interface RoleRow {
  id: string;
  programme_id: string;
  title: string;
  responsibilities: string | null;
  required_for_programme: boolean;
  vacant_since: string | null;
  retired_at: Date | null;
  retire_reason: string | null;
  created_at: Date;
}
export const ROLE_COLUMNS = `id, programme_id, title, responsibilities, required_for_programme, vacant_since, retired_at,
  retire_reason, created_at`;
/** ROLE_COLUMNS of the role aliased `alias`. */
export const roleColumns = (alias: string): string =>
  ROLE_COLUMNS.split(',').map((c) => `${alias}.${c.trim()}`).join(', ');
export const toRole = (r: RoleRow): ProgrammeRoleType => ({
  id: r.id,
  programmeId: r.programme_id,
  title: r.title,
  responsibilities: r.responsibilities,
  requiredForProgramme: r.required_for_programme,
  vacantSince: r.vacant_since,
  retiredAt: r.retired_at,
  retireReason: r.retire_reason,
  createdAt: r.created_at,
});

export interface AssignmentRow {
  id: string;
  programme_id: string;
  role_id: string;
  person_id: string;
  organisation_id: string;
  selection_method: SelectionMethod;
  rationale: string | null;
  fit_at_assignment: string;
  assigned_by_user_id: string;
  assigned_at: Date;
  ended_at: Date | null;
  end_cause: AssignmentEndCause | null;
  end_reason: string | null;
  ended_by_user_id: string | null;
}
export const ASSIGNMENT_COLUMNS = `id, programme_id, role_id, person_id, organisation_id, selection_method, rationale,
  fit_at_assignment, assigned_by_user_id, assigned_at, ended_at, end_cause, end_reason, ended_by_user_id`;
/** ASSIGNMENT_COLUMNS of the assignment aliased `alias`. */
export const assignmentColumns = (alias: string): string =>
  ASSIGNMENT_COLUMNS.split(',').map((c) => `${alias}.${c.trim()}`).join(', ');
export const toAssignment = (r: AssignmentRow): RoleAssignmentType => ({
  id: r.id,
  roleId: r.role_id,
  personId: r.person_id,
  organisationId: r.organisation_id,
  selectionMethod: r.selection_method,
  rationale: r.rationale,
  fitAtAssignment: Number(r.fit_at_assignment),
  assignedByUserId: r.assigned_by_user_id,
  assignedAt: r.assigned_at,
  endedAt: r.ended_at,
  endCause: r.end_cause,
  endReason: r.end_reason,
  endedByUserId: r.ended_by_user_id,
});
