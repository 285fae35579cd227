import { SurveyRoundStatus } from './survey-round-status';

/**
 * What a round's results may show, so that no group of fewer than `minGroupSize`
 * responses can be computed from them: not from one figure, not by subtracting shown
 * figures from each other or from the totals, and not by comparing two readings.
 */

/** Why a round's figures are withheld (only its counts are shown), or null when they are shown. */
export type Withheld = 'NOT_CLOSED' | 'SETTLING' | 'TOO_FEW' | null;

/**
 * Figures are published once, at the close: two readings of an open round would give
 * whoever answered in between (and any changed answer) by subtraction. Holding provisional
 * figures until k more responses would not help: the close would still publish the last
 * few. A closed round whose answers still wait in the pool (they are settled within a
 * minute of the close) is withheld too: publishing before they land would change the
 * published figures by fewer than the minimum. A round below the minimum in all shows
 * counts only, whatever its status.
 */
export function withheld(status: SurveyRoundStatus, responses: number, minGroupSize: number, pooled: number): Withheld {
  if (status !== SurveyRoundStatus.CLOSED) return 'NOT_CLOSED';
  if (pooled > 0) return 'SETTLING';
  return responses < minGroupSize ? 'TOO_FEW' : null;
}

export const withheldNote = (why: Withheld, minGroupSize: number): string | null => {
  switch (why) {
    case 'NOT_CLOSED':
      return 'Not shown yet: results are published when the round closes, so that no reading tells what the latest answers were.';
    case 'SETTLING':
      return 'Not shown yet: the last answers of this round are being stored; results are published within a minute or two.';
    case 'TOO_FEW':
      return `Not shown: the round has fewer than ${minGroupSize} responses, so its figures could point at individuals.`;
    default:
      return null;
  }
};

/** The responses of one organisation in one sector (as the responses recorded them). */
export interface ResponseCell {
  organisation: string;
  sector: string;
  responses: number;
}

/** A group of the sector breakdown: one sector, or (sector null) "other", the rest merged. */
export interface SectorGroup {
  sector: string | null;
  sectors: string[];
  responses: number;
}

export interface Disclosure {
  /** The sector breakdown, largest first, "other" last; also the sector each CSV row carries. */
  sectorGroups: SectorGroup[];
  /** Organisations shown on their own, largest first; the rest make the organisation breakdown's "other". */
  organisations: { organisation: string; responses: number }[];
  /** Responses in the organisation breakdown's "other" (0: none). */
  otherOrganisations: number;
}

interface Sized {
  key: string;
  size: number;
}

const bySize = (a: Sized, b: Sized) => b.size - a.size || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Splits `items` into those shown on their own (each at least k) and the rest, so that
 * the rest, with `forced` responses that may not be shown apart, is 0 or at least k:
 * the smallest shown items join the rest until it is. Needs a total of at least k.
 */
function fold(items: Sized[], k: number, forced = 0): { shown: Sized[]; rest: number } {
  const sorted = items.filter((item) => item.size > 0).sort(bySize);
  const shown = sorted.filter((item) => item.size >= k);
  let rest = forced + sorted.filter((item) => item.size < k).reduce((sum, item) => sum + item.size, 0);
  while (rest > 0 && rest < k && shown.length) rest += shown.pop()!.size;
  return { shown, rest };
}

function sizes(cells: ResponseCell[], keyOf: (cell: ResponseCell) => string): Map<string, number> {
  const total = new Map<string, number>();
  for (const cell of cells) total.set(keyOf(cell), (total.get(keyOf(cell)) ?? 0) + cell.responses);
  return total;
}

/**
 * Organisations are nested in sectors, sectors in the round: each sector group of the
 * breakdown has at least k responses, and within it the organisations shown apart leave
 * a remainder of 0 or at least k. Every figure shown (the round, a sector group, an
 * organisation, either "other", a CSV row's sector) is then a union of such pieces, so
 * any difference of them is too: none has 1 to k − 1 responses. An organisation whose
 * responses fall in two sector groups (its sector changed during the round) is never
 * shown apart. Nothing is disclosed below k responses in all.
 */
export function disclosure(cells: ResponseCell[], minGroupSize: number): Disclosure {
  const k = minGroupSize;
  const live = cells.filter((cell) => cell.responses > 0);
  const total = live.reduce((sum, cell) => sum + cell.responses, 0);
  if (total < k) return { sectorGroups: [], organisations: [], otherOrganisations: 0 };

  const sectorSizes = [...sizes(live, (cell) => cell.sector)].map(([key, size]) => ({ key, size }));
  const sectors = fold(sectorSizes, k);
  const shownSectors = new Set(sectors.shown.map((s) => s.key));
  const sectorGroups: SectorGroup[] = sectors.shown.map((s) => ({ sector: s.key, sectors: [s.key], responses: s.size }));
  if (sectors.rest) {
    const others = sectorSizes.filter((s) => !shownSectors.has(s.key)).sort(bySize);
    sectorGroups.push({ sector: null, sectors: others.map((s) => s.key), responses: sectors.rest });
  }

  const groupOf = (sector: string) => (shownSectors.has(sector) ? sector : null);
  const groupsOfOrganisation = new Map<string, Set<string | null>>();
  for (const cell of live) {
    const groups = groupsOfOrganisation.get(cell.organisation) ?? new Set();
    groups.add(groupOf(cell.sector));
    groupsOfOrganisation.set(cell.organisation, groups);
  }
  const organisations: Sized[] = [];
  let otherOrganisations = 0;
  for (const group of sectorGroups) {
    const inGroup = live.filter((cell) => groupOf(cell.sector) === group.sector);
    const nested = inGroup.filter((cell) => groupsOfOrganisation.get(cell.organisation)!.size === 1);
    const straddling = inGroup.filter((cell) => groupsOfOrganisation.get(cell.organisation)!.size > 1);
    const forced = straddling.reduce((sum, cell) => sum + cell.responses, 0);
    const { shown, rest } = fold([...sizes(nested, (cell) => cell.organisation)].map(([key, size]) => ({ key, size })), k, forced);
    organisations.push(...shown);
    otherOrganisations += rest;
  }
  return {
    sectorGroups,
    organisations: organisations.sort(bySize).map((o) => ({ organisation: o.key, responses: o.size })),
    otherOrganisations,
  };
}
