import { BARRIERS, Barrier, Severity } from './barriers';

/** Points a barrier's score loses per open flag (dismissed flags do not count). */
export const SEVERITY_WEIGHT: Record<Severity, number> = { HIGH: 20, MEDIUM: 10, LOW: 5 };

/** Open, not dismissed flags of one kind: where they sit, their barrier and severity. */
export interface FlagTally {
  programmeId: string | null;
  localityId: string | null;
  barrier: Barrier;
  severity: Severity;
  count: number;
}

export type BarrierScores = Record<Barrier, number>;

export interface HealthScore {
  subjectType: 'PROGRAMME' | 'LOCALITY';
  subjectId: string;
  localityId: string;
  overall: number;
  barriers: BarrierScores;
  openFlags: number;
}

const clamp = (score: number) => Math.max(0, Math.min(100, Math.round(score)));
const overallOf = (barriers: BarrierScores) => clamp(BARRIERS.reduce((sum, b) => sum + barriers[b], 0) / BARRIERS.length);
const filled = (value: (barrier: Barrier) => number) =>
  Object.fromEntries(BARRIERS.map((barrier) => [barrier, value(barrier)])) as BarrierScores;

/**
 * Health scores from open flags, kept simple enough to explain:
 * - a programme scores 100 per barrier, less the weight of each of its open flags of that
 *   barrier (HIGH 20, MEDIUM 10, LOW 5), never below 0;
 * - a locality scores, per barrier, the mean of its ACTIVE programmes' scores (100 when it
 *   has none), less the weight of its flags that belong to no programme (an organisation's
 *   decline rate, a locality's unresolved-conflict rate, a tenant-wide flag counted there),
 *   never below 0;
 * - the overall score is the mean of the seven barrier scores, rounded.
 */
export function healthScores(
  programmes: readonly { id: string; localityId: string }[],
  localityIds: readonly string[],
  tallies: readonly FlagTally[],
): HealthScore[] {
  const lost = new Map<string, number>();
  const flags = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const tally of tallies) {
    const weight = SEVERITY_WEIGHT[tally.severity] * tally.count;
    const owner = tally.programmeId ?? `locality:${tally.localityId}`;
    add(lost, `${owner}|${tally.barrier}`, weight);
    add(flags, owner, tally.count);
    if (tally.programmeId && tally.localityId) add(flags, `locality:${tally.localityId}`, tally.count);
  }
  const scores: HealthScore[] = programmes.map((programme) => {
    const barriers = filled((barrier) => clamp(100 - (lost.get(`${programme.id}|${barrier}`) ?? 0)));
    return {
      subjectType: 'PROGRAMME',
      subjectId: programme.id,
      localityId: programme.localityId,
      overall: overallOf(barriers),
      barriers,
      openFlags: flags.get(programme.id) ?? 0,
    };
  });
  const byLocality = new Map<string, HealthScore[]>();
  for (const score of scores) byLocality.set(score.localityId, [...(byLocality.get(score.localityId) ?? []), score]);
  for (const localityId of localityIds) {
    const own = byLocality.get(localityId) ?? [];
    const barriers = filled((barrier) => {
      const mean = own.length ? own.reduce((sum, s) => sum + s.barriers[barrier], 0) / own.length : 100;
      return clamp(mean - (lost.get(`locality:${localityId}|${barrier}`) ?? 0));
    });
    scores.push({
      subjectType: 'LOCALITY',
      subjectId: localityId,
      localityId,
      overall: overallOf(barriers),
      barriers,
      openFlags: flags.get(`locality:${localityId}`) ?? 0,
    });
  }
  return scores;
}
