import { Disclosure, ResponseCell, disclosure, withheld } from './results-disclosure';
import { SurveyRoundStatus } from './survey-round-status';

const cell = (organisation: string, sector: string, responses: number): ResponseCell => ({ organisation, sector, responses });

/**
 * Every set of responses whose answers the results give, as a bit mask over `cells`: the
 * round, each sector group (also what a CSV row's sector names), each organisation shown,
 * and the organisation breakdown's "other".
 */
function publishedSets(cells: ResponseCell[], shown: Disclosure): number[] {
  const all = (1 << cells.length) - 1;
  const mask = (keep: (c: ResponseCell) => boolean) => cells.reduce((m, c, i) => (keep(c) ? m | (1 << i) : m), 0);
  const organisations = shown.organisations.map((o) => mask((c) => c.organisation === o.organisation));
  const sets = [all, ...shown.sectorGroups.map((g) => mask((c) => g.sectors.includes(c.sector))), ...organisations];
  sets.push(organisations.reduce((rest, m) => rest & ~m, all));
  return sets;
}

/**
 * Everything a reader can compute from the published sets, by brute force: the closure
 * under subtracting a set from one that contains it and adding disjoint sets.
 */
function derivable(published: number[]): Set<number> {
  const known = new Set(published.filter((m) => m !== 0));
  let grew = true;
  while (grew) {
    grew = false;
    const list = [...known];
    for (const a of list) {
      for (const b of list) {
        for (const next of [(a & b) === b ? a & ~b : 0, (a & b) === 0 ? a | b : 0]) {
          if (next && !known.has(next)) {
            known.add(next);
            grew = true;
          }
        }
      }
    }
  }
  return known;
}

const size = (cells: ResponseCell[], m: number) => cells.reduce((sum, c, i) => (m & (1 << i) ? sum + c.responses : sum), 0);

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function layout(seed: number): { cells: ResponseCell[]; k: number } {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const k = 3 + pick(5);
  const sectors = ['HEALTH', 'FIRE', 'POLICE', 'HOUSING', 'EDUCATION'].slice(0, 1 + pick(5));
  const cells: ResponseCell[] = [];
  for (let o = 0; o < 1 + pick(9) && cells.length < 11; o++) {
    const sector = sectors[pick(sectors.length)];
    // Mostly small bodies around k, now and then a big one or none at all.
    const responses = next() < 0.15 ? 0 : next() < 0.15 ? 2 * k + pick(10) : pick(2 * k);
    cells.push(cell(`org${o}`, sector, responses));
    // Now and then a body whose sector changed during the round: its responses in two sectors.
    if (next() < 0.1 && sectors.length > 1) cells.push(cell(`org${o}`, sectors[(sectors.indexOf(sector) + 1) % sectors.length], 1 + pick(k)));
  }
  return { cells, k };
}

describe('disclosure', () => {
  it('the issue’s layout: bodies of 6 and 1 (health) and 5 (fire), k = 5: the 6-body is not shown beside HEALTH = 7', () => {
    const shown = disclosure([cell('big', 'HEALTH', 6), cell('pharmacy', 'HEALTH', 1), cell('station', 'FIRE', 5)], 5);
    expect(shown.sectorGroups.map((g) => [g.sector, g.responses])).toEqual([
      ['HEALTH', 7],
      ['FIRE', 5],
    ]);
    expect(shown.organisations).toEqual([{ organisation: 'station', responses: 5 }]);
    expect(shown.otherOrganisations).toBe(7);
  });

  it('shows sectors and organisations at the minimum; smaller ones merge into "other"', () => {
    const shown = disclosure([cell('h1', 'HEALTH', 4), cell('h2', 'HEALTH', 2), cell('l1', 'LOCAL', 5), cell('p1', 'POLICE', 3), cell('ho', 'HOUSING', 2)], 5);
    expect(shown.sectorGroups).toEqual([
      { sector: 'HEALTH', sectors: ['HEALTH'], responses: 6 },
      { sector: 'LOCAL', sectors: ['LOCAL'], responses: 5 },
      { sector: null, sectors: ['POLICE', 'HOUSING'], responses: 5 },
    ]);
    expect(shown.organisations).toEqual([{ organisation: 'l1', responses: 5 }]);
    expect(shown.otherOrganisations).toBe(11);
  });

  it('folds the smallest sector into a too-small "other" rather than let the total give "other" away', () => {
    const shown = disclosure([cell('h', 'HEALTH', 9), cell('p', 'POLICE', 6), cell('ho', 'HOUSING', 2)], 5);
    expect(shown.sectorGroups.map((g) => [g.sector, g.responses])).toEqual([
      ['HEALTH', 9],
      [null, 8],
    ]);
    // POLICE's only body has 6 but sits in an "other" of 8: shown apart it would leave HOUSING's 2.
    expect(shown.organisations).toEqual([{ organisation: 'h', responses: 9 }]);
  });

  it('never shows apart a body whose responses fall in two sector groups', () => {
    const shown = disclosure([cell('moved', 'HEALTH', 6), cell('moved', 'FIRE', 6), cell('f', 'FIRE', 5)], 5);
    expect(shown.sectorGroups.map((g) => g.sector)).toEqual(['FIRE', 'HEALTH']);
    // f is shown: FIRE less f leaves moved's 6 there. moved itself never is.
    expect(shown.organisations.map((o) => o.organisation)).toEqual(['f']);
  });

  it('discloses nothing below the minimum in all', () => {
    expect(disclosure([cell('a', 'HEALTH', 2), cell('b', 'FIRE', 2)], 5)).toEqual({ sectorGroups: [], organisations: [], otherOrganisations: 0 });
  });

  it('over 3000 generated layouts, no group of 1 to k − 1 responses can be derived from what is shown', () => {
    let checked = 0;
    for (let seed = 1; seed <= 3000; seed++) {
      const { cells, k } = layout(seed);
      const total = cells.reduce((sum, c) => sum + c.responses, 0);
      const shown = disclosure(cells, k);
      if (total < k) {
        expect([seed, shown.sectorGroups.length, shown.organisations.length]).toEqual([seed, 0, 0]);
        continue;
      }
      for (const m of derivable(publishedSets(cells, shown))) {
        const n = size(cells, m);
        if (n > 0 && n < k) throw new Error(`seed ${seed}: ${JSON.stringify({ cells, k, shown })} lets a group of ${n} be derived`);
      }
      // The breakdowns account for every response, and show at least the round's total.
      expect(shown.sectorGroups.reduce((sum, g) => sum + g.responses, 0)).toBe(total);
      expect(shown.organisations.reduce((sum, o) => sum + o.responses, 0) + shown.otherOrganisations).toBe(total);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('the brute force catches the leak the old breakdowns had', () => {
    // HEALTH = 7 by sector beside the 6-body by organisation: 7 − 6 = the pharmacy person.
    const cells = [cell('big', 'HEALTH', 6), cell('pharmacy', 'HEALTH', 1), cell('station', 'FIRE', 5)];
    const leaky: Disclosure = {
      sectorGroups: [
        { sector: 'HEALTH', sectors: ['HEALTH'], responses: 7 },
        { sector: 'FIRE', sectors: ['FIRE'], responses: 5 },
      ],
      organisations: [
        { organisation: 'big', responses: 6 },
        { organisation: 'station', responses: 5 },
      ],
      otherOrganisations: 1,
    };
    expect([...derivable(publishedSets(cells, leaky))].map((m) => size(cells, m))).toContain(1);
  });
});

describe('withheld', () => {
  it('withholds figures until the round closes, and below the minimum for good', () => {
    expect(withheld(SurveyRoundStatus.OPEN, 50, 5, 0)).toBe('NOT_CLOSED');
    expect(withheld(SurveyRoundStatus.SCHEDULED, 0, 5, 0)).toBe('NOT_CLOSED');
    expect(withheld(SurveyRoundStatus.CLOSED, 50, 5, 1)).toBe('SETTLING');
    expect(withheld(SurveyRoundStatus.CLOSED, 4, 5, 0)).toBe('TOO_FEW');
    expect(withheld(SurveyRoundStatus.CLOSED, 5, 5, 0)).toBeNull();
  });
});
