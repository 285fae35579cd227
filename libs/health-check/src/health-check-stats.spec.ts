import {
  AnswerCounts,
  differenceFromBaseline,
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
