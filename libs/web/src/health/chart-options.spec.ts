import { HealthScores } from './health-barriers';
import { errorBar, radarOption, surveyOption, trendOption } from './chart-options';

const scores = (takenAt: string, base: number): HealthScores => ({
  takenAt, overall: base, openFlags: 2,
  flexibility: base, recognition: base + 1, communication: base + 2, conflictResolution: base + 3,
  roleFit: base + 4, leadership: base + 5, continuousImprovement: base + 6,
});

describe('health chart options', () => {
  it('draws the seven barrier scores on a 0–100 radar, in the barriers’ order, without animation', () => {
    const option = radarOption(scores('2026-03-01T10:00:00Z', 50)) as any;
    expect(option.animation).toBe(false);
    expect(option.radar.indicator.map((i: any) => [i.name, i.min, i.max])).toEqual([
      ['Flexibility', 0, 100], ['Recognition', 0, 100], ['Communication', 0, 100], ['Conflict\nresolution', 0, 100],
      ['Role fit', 0, 100], ['Leadership', 0, 100], ['Continuous\nimprovement', 0, 100],
    ]);
    expect(option.series[0].data[0].value).toEqual([50, 51, 52, 53, 54, 55, 56]);
  });

  it('draws one line per barrier over the points, oldest first, on a 0–100 scale', () => {
    const option = trendOption([scores('2026-01-31T23:00:00Z', 40), scores('2026-02-28T23:00:00Z', 60)]) as any;
    expect(option.xAxis.data).toEqual(['31 Jan', '28 Feb']);
    expect([option.yAxis.min, option.yAxis.max]).toEqual([0, 100]);
    expect(option.series.map((s: any) => s.name)).toHaveLength(7);
    expect(option.series[3]).toMatchObject({ type: 'line', name: 'Conflict resolution', data: [43, 63] });
    expect(new Set(option.series.map((s: any) => s.symbol)).size).toBe(7);
  });

  it('draws each share as a bar in percent, its interval as an error bar and 2007 as a mark, leaving out what is unknown', () => {
    const option = surveyOption([
      { position: 1, barrier: 'FLEXIBILITY', share: 0.4286, interval: { low: 0.2138, high: 0.6741 }, baselineShare: 0.47 },
      { position: 6, barrier: 'LEADERSHIP', share: null, interval: null, baselineShare: 0.333 },
      { position: 8, barrier: null, share: 0.5, interval: { low: 0.3, high: 0.7 }, baselineShare: null },
    ]) as any;
    expect(option.yAxis.data).toEqual(['1. Flexibility', '6. Leadership', '8. Other']);
    const [bars, intervals, baseline] = option.series;
    expect(bars.data).toEqual([42.9, '-', 50]);
    expect(intervals.data).toEqual([[21.4, 67.4, 0], [30, 70, 2]]);
    expect(baseline.data).toEqual([[47, 0], [33.3, 1]]);
  });

  it('draws an error bar across its category with end caps', () => {
    const values = [20, 60, 1];
    const drawn = errorBar({ value: (d) => values[d], coord: ([x, y]) => [x * 3, y * 40 + 20], size: () => [0, 40] });
    expect(drawn.children.map((c) => c.shape)).toEqual([
      { x1: 60, y1: 60, x2: 180, y2: 60 },
      { x1: 60, y1: 52, x2: 60, y2: 68 },
      { x1: 180, y1: 52, x2: 180, y2: 68 },
    ]);
  });
});
