import { Role } from '@joinedup/access';

/** Everyone who reads the partnership registry and programmes (member representatives read them field by field, not their audit trail). */
const REGISTRY_READERS = [Role.TENANT_ADMIN, Role.COORDINATOR, Role.REVIEWER] as const;

/**
 * Who may read the audit trail of each kind of record: whoever may read the record itself.
 * Every `entityType` written to the audit trail must be listed here (AuditEntry is typed
 * by this map), so a new kind of record cannot be audited without deciding who reads it.
 */
export const AUDIT_READERS = {
  ALIGNMENT_REQUEST: REGISTRY_READERS,
  BRIEFING: REGISTRY_READERS,
  CONFLICT: REGISTRY_READERS,
  CONFLICT_PROCESS: REGISTRY_READERS,
  GOVERNANCE_FLAG: REGISTRY_READERS,
  GOVERNANCE_RULE: REGISTRY_READERS,
  IMPROVEMENT_ACTION: REGISTRY_READERS,
  LOCALITY: REGISTRY_READERS,
  MEMBERSHIP: REGISTRY_READERS,
  MEASURE: REGISTRY_READERS,
  MILESTONE: REGISTRY_READERS,
  NOMINATION: REGISTRY_READERS,
  ORGANISATION: REGISTRY_READERS,
  PERSON: REGISTRY_READERS,
  PROGRAMME: REGISTRY_READERS,
  RECOGNITION: REGISTRY_READERS,
  REVIEW: REGISTRY_READERS,
  ROLE: REGISTRY_READERS,
  ROLE_ASSIGNMENT: REGISTRY_READERS,
  /** Health-check rounds and their invitations (counts only: no person, no link). */
  SURVEY_ROUND: REGISTRY_READERS,
  /** Users (email, role, organisation) are for tenant administrators only, like `user`/`users`. */
  USER: [Role.TENANT_ADMIN],
  /** Webhook endpoints (URLs, events) are tenant settings; their audit never holds the secret. */
  WEBHOOK_ENDPOINT: [Role.TENANT_ADMIN],
} as const satisfies Record<string, readonly Role[]>;

export type AuditEntityType = keyof typeof AUDIT_READERS;

export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_READERS).sort() as AuditEntityType[];

/** Everyone who may read some audit trail: the roles of the `auditEvents` query. */
export const AUDIT_ROLES = [...new Set(Object.values(AUDIT_READERS).flat())];

export function isAuditEntityType(value: string): value is AuditEntityType {
  return Object.prototype.hasOwnProperty.call(AUDIT_READERS, value);
}

export function mayReadAudit(role: Role, entityType: AuditEntityType): boolean {
  return (AUDIT_READERS[entityType] as readonly Role[]).includes(role);
}
