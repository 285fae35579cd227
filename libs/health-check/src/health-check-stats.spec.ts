import {
  AnswerCounts,
  GroupAnswers,
  differenceFromBaseline,
  groupsToShow,
  noAnswers,
  weaknessShare,
  wilsonInterval,
} from './health-check-stats';
import { SurveyAnswer as A } from './survey-answer';

const counts = (given: Partial<AnswerCounts>): AnswerCounts => ({ ...noAnswers(), ...given });

describe('wilsonInterval', () => {
  // Hand-computed: centre (p + z²/2n)/(1 + z²/n) ± z/(1 + z²/n)·√(p(1−p)/n + z²/4n²), z = 1.959964.
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [47, 100, 0.3751, 0.5671],
    [3, 8, 0.1368, 0.6943],
    [1, 1, 0.2065, 1],
  ])('%i of %i lies in [%f, %f]', (k, n, low, high) => {
    const interval = wilsonInterval(k, n)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('has no interval without answers', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('weaknessShare', () => {
  const answers = counts({
    [A.STRONGLY_DISAGREE]: 1,
    [A.DISAGREE]: 2,
    [A.NEUTRAL]: 2,
    [A.AGREE]: 2,
    [A.STRONGLY_AGREE]: 1,
    [A.DONT_KNOW]: 2,
  });

  it('counts disagreeing answers out of those on the scale; DONT_KNOW in neither', () => {
    const result = weaknessShare(answers, false);
    expect(result).toMatchObject({ answered: 8, dontKnow: 2, reportingWeakness: 3 });
    expect(result.share).toBeCloseTo(3 / 8, 10);
    expect(result.interval!.low).toBeCloseTo(0.1368, 4);
    expect(result.interval!.high).toBeCloseTo(0.6943, 4);
  });

  it('counts NEUTRAL as reporting the weakness only when the round says so', () => {
    const result = weaknessShare(answers, true);
    expect(result).toMatchObject({ answered: 8, dontKnow: 2, reportingWeakness: 5 });
    expect(result.share).toBeCloseTo(5 / 8, 10);
  });

  it('has no share when everyone answered DONT_KNOW', () => {
    expect(weaknessShare(counts({ [A.DONT_KNOW]: 4 }), true)).toEqual({
      answered: 0,
      dontKnow: 4,
      reportingWeakness: 0,
      share: null,
      interval: null,
    });
  });
});

describe('differenceFromBaseline', () => {
  it('is share − baseline, or null when either is missing', () => {
    expect(differenceFromBaseline(0.25, 0.61)).toBeCloseTo(-0.36, 10);
    expect(differenceFromBaseline(null, 0.61)).toBeNull();
    expect(differenceFromBaseline(0.25, null)).toBeNull();
  });
});

describe('groupsToShow', () => {
  const group = (key: string, responses: number): GroupAnswers<string> => ({
    key,
    responses,
    counts: new Map([['s1', counts({ [A.DISAGREE]: responses })]]),
  });
  const summary = (groups: ReturnType<typeof groupsToShow<string>>) =>
    groups.map((g) => [g.key ?? 'OTHER', g.responses, g.suppressed, g.counts?.get('s1')?.[A.DISAGREE] ?? null]);

  it('shows a group at exactly the minimum on its own; one below goes to "other"', () => {
    const shown = groupsToShow([group('HEALTH', 5), group('POLICE', 4), group('HOUSING', 1)], 5);
    expect(summary(shown)).toEqual([
      ['HEALTH', 5, false, 5],
      ['OTHER', 5, false, 5],
    ]);
    expect(shown[1].members).toEqual(['POLICE', 'HOUSING']);
  });

  it('has no "other" when every group is big enough', () => {
    expect(summary(groupsToShow([group('HEALTH', 6), group('POLICE', 5)], 5))).toEqual([
      ['HEALTH', 6, false, 6],
      ['POLICE', 5, false, 5],
    ]);
  });

  it('folds the smallest shown group into a too-small "other" rather than let totals give it away', () => {
    const shown = groupsToShow([group('HEALTH', 9), group('POLICE', 6), group('HOUSING', 2)], 5);
    expect(summary(shown)).toEqual([
      ['HEALTH', 9, false, 9],
      ['OTHER', 8, false, 8],
    ]);
  });

  it('suppresses "other" (counts hidden) only when the whole round is below the minimum', () => {
    expect(summary(groupsToShow([group('HEALTH', 2), group('POLICE', 1)], 5))).toEqual([['OTHER', null, true, null]]);
    // At the smallest allowed minimum, one response beside a group of 3 takes that group into "other".
    expect(summary(groupsToShow([group('HEALTH', 3), group('POLICE', 1)], 3))).toEqual([['OTHER', 4, false, 4]]);
  });

  it('never shows a group smaller than the minimum', () => {
    for (let seed = 1; seed < 200; seed++) {
      const sizes = [seed % 7, (seed * 3) % 5, (seed * 7) % 11, (seed * 13) % 4].map((n, i) => group(`G${i}`, n));
      const total = sizes.reduce((sum, g) => sum + g.responses, 0);
      for (const shown of groupsToShow(sizes, 5)) {
        if (!shown.suppressed) expect(shown.responses!).toBeGreaterThanOrEqual(5);
        else expect([shown.counts, total < 5]).toEqual([null, true]);
      }
    }
  });

  it('leaves out groups without responses', () => {
    expect(summary(groupsToShow([group('HEALTH', 5), group('POLICE', 0)], 5))).toEqual([['HEALTH', 5, false, 5]]);
  });
});
