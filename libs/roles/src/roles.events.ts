/**
 * The outbox events of programme roles: a stored contract (the governance engine and
 * rescans read them), so names and payloads change only by adding.
 */

/** A role was defined, changed or retired. */
export const ROLE_CHANGED = 'roles.role_changed';
export interface RoleChangedPayload {
  programmeId: string;
  localityId: string;
  roleId: string;
  change: 'DEFINED' | 'UPDATED' | 'RETIRED';
}

/**
 * A role gained or lost its holder. Also written by the `participant_leave_roles` trigger
 * (migration 1764600000000) with `endCause: 'ORGANISATION_LEFT'` when the holder's
 * organisation leaves the programme.
 */
export const ROLE_ASSIGNMENT_CHANGED = 'roles.assignment_changed';
export interface RoleAssignmentChangedPayload {
  programmeId: string;
  localityId: string;
  roleId: string;
  assignmentId: string;
  personId: string;
  change: 'ASSIGNED' | 'ENDED';
  endCause?: 'VACATED' | 'ORGANISATION_LEFT' | 'ROLE_RETIRED';
}

export interface RoleEventPayloads {
  [ROLE_CHANGED]: RoleChangedPayload;
  [ROLE_ASSIGNMENT_CHANGED]: RoleAssignmentChangedPayload;
}
