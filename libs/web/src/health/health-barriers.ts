/** The seven barriers as the health pages name them, in DESIGN.md's order, with their GovernanceHealth field. */
export const HEALTH_BARRIERS = [
  { code: 'FLEXIBILITY', field: 'flexibility', label: 'Flexibility' },
  { code: 'RECOGNITION', field: 'recognition', label: 'Recognition' },
  { code: 'COMMUNICATION', field: 'communication', label: 'Communication' },
  { code: 'CONFLICT_RESOLUTION', field: 'conflictResolution', label: 'Conflict resolution' },
  { code: 'ROLE_FIT', field: 'roleFit', label: 'Role fit' },
  { code: 'LEADERSHIP', field: 'leadership', label: 'Leadership' },
  { code: 'CONTINUOUS_IMPROVEMENT', field: 'continuousImprovement', label: 'Continuous improvement' },
] as const;

export type BarrierField = (typeof HEALTH_BARRIERS)[number]['field'];

/** A GovernanceHealth snapshot as the pages read it. */
export type HealthScores = Record<BarrierField, number> & { takenAt: string; overall: number; openFlags: number };

/** The GovernanceHealth fields a page document asks for. */
export const HEALTH_FIELDS = `takenAt overall openFlags ${HEALTH_BARRIERS.map((b) => b.field).join(' ')}`;

/** The latest health check's fields the locality page and the board pack show. */
export const HEALTH_CHECK_FIELDS = `round { id title opensOn closesOn status } provisional suppressed note invitedCount responseCount countNeutral
  barriers { position barrier statement answered reportingWeakness share interval { low high } baselineShare baselineLabel }
  perceptionGap { barrier surveyShare recordsShare programmes flaggedProgrammes reading }`;

/** A barrier code as words ("Conflict resolution"); an unknown code as it is. */
export function barrierLabel(code: string | null): string {
  return HEALTH_BARRIERS.find((b) => b.code === code)?.label ?? code ?? 'Other';
}
