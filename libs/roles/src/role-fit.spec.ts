import { roleFit } from './role-fit';

const REQUIRED = [
  { name: 'Programme management', minLevel: 4 },
  { name: 'Budgeting', minLevel: 3 },
  { name: 'Safeguarding', minLevel: 2 },
];

describe('roleFit', () => {
  it('is 1 with no gaps when every requirement is met, at or above the minimum level', () => {
    const fit = roleFit(REQUIRED, [
      { name: 'Programme management', level: 4 },
      { name: 'Budgeting', level: 5 },
      { name: 'Safeguarding', level: 2 },
      { name: 'Public speaking', level: 1 },
    ]);
    expect(fit).toEqual({ score: 1, met: 3, required: 3, gaps: [] });
  });

  it('is the share met when partly met, listing held-too-low and missing competencies', () => {
    const fit = roleFit(REQUIRED, [
      { name: 'Programme management', level: 5 },
      { name: 'Budgeting', level: 2 },
    ]);
    expect(fit.score).toBeCloseTo(1 / 3);
    expect(fit).toMatchObject({ met: 1, required: 3 });
    expect(fit.gaps).toEqual([
      { competency: 'Budgeting', requiredLevel: 3, heldLevel: 2 },
      { competency: 'Safeguarding', requiredLevel: 2, heldLevel: null },
    ]);
  });

  it('is 0 when the person holds none of the required competencies', () => {
    const fit = roleFit(REQUIRED, [{ name: 'Public speaking', level: 5 }]);
    expect(fit).toMatchObject({ score: 0, met: 0, required: 3 });
    expect(fit.gaps.map((g) => g.heldLevel)).toEqual([null, null, null]);
  });

  it('is 1 when the role requires nothing, whatever the person holds', () => {
    expect(roleFit([], [])).toEqual({ score: 1, met: 0, required: 0, gaps: [] });
    expect(roleFit([], [{ name: 'Budgeting', level: 1 }]).score).toBe(1);
  });

  it('matches competency names case-insensitively', () => {
    const fit = roleFit([{ name: 'Data Sharing', minLevel: 3 }], [{ name: 'data sharing', level: 3 }]);
    expect(fit).toEqual({ score: 1, met: 1, required: 1, gaps: [] });
  });
});
