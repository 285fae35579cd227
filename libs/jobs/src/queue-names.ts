/**
 * Queue and job names are a stored contract with jobs already in Redis: never derive
 * them from class names, and never rename one without migrating its jobs.
 */
export const QUEUE = {
  /** Domain events moved here from the outbox; the job name is the event type. */
  domainEvents: 'domain-events',
  /** Maintenance the worker schedules for itself. */
  maintenance: 'maintenance',
} as const;

export const MAINTENANCE_JOB = {
  heartbeat: 'heartbeat',
  /** Deletes rows kept past their retention period (see retention.ts). */
  purgeExpired: 'purge-expired',
} as const;

/** The payload of every domain-event job: an outbox row. */
export interface DomainEventJob {
  tenantId: string;
  eventId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}
