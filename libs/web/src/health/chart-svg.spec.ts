import { radarOption, surveyOption, trendOption } from './chart-options';
import { pageReadySvg, renderChart } from './chart-svg';
import { HealthScores } from './health-barriers';
import { RenderedParts } from '../rendered-parts';

const scores: HealthScores = {
  takenAt: '2026-03-01T10:00:00Z', overall: 70, openFlags: 1,
  flexibility: 80, recognition: 60, communication: 90, conflictResolution: 40, roleFit: 100, leadership: 55, continuousImprovement: 75,
};

describe('server-drawn chart SVG', () => {
  const charts = {
    radar: renderChart({ option: radarOption(scores), width: 520, height: 420, label: 'Scores <by> barrier' }),
    trend: renderChart({ option: trendOption([scores, { ...scores, takenAt: '2026-04-01T10:00:00Z' }]), width: 640, height: 400, label: 'Trend' }),
    survey: renderChart({
      option: surveyOption([{ position: 1, barrier: 'FLEXIBILITY', share: 0.5, interval: { low: 0.3, high: 0.7 }, baselineShare: 0.47 }]),
      width: 640, height: 200, label: 'Survey',
    }),
  };

  it.each(Object.entries(charts))('%s: has no inline style, hover classes or metadata, for our CSP', (_name, svg) => {
    expect(svg).not.toMatch(/style=|<style|zr\d+-cls|ecmeta_/);
    expect(svg).toMatch(/<(path|polyline|text)/);
  });

  it('draws a chart once per spec (its figures, size and name) and gives the kept SVG after', () => {
    const drawn = new RenderedParts(10);
    const spec = { option: radarOption(scores), width: 520, height: 420, label: 'Scores <by> barrier' };
    expect(renderChart(spec, drawn)).toBe(charts.radar);
    expect(renderChart({ ...spec, option: radarOption(scores) }, drawn)).toBe(charts.radar);
    expect(drawn.size).toBe(1);
    const changed = renderChart({ ...spec, option: radarOption({ ...scores, roleFit: 10 }) }, drawn);
    expect(changed).not.toBe(charts.radar);
    expect(drawn.size).toBe(2);
  });

  it('names the chart (role img, aria-label and title, escaped) and scales it by its viewBox', () => {
    expect(charts.radar).toMatch(
      /^<svg width="100%" role="img" aria-label="Scores &lt;by&gt; barrier" focusable="false"[^>]* viewBox="0 0 520 420"><title>Scores &lt;by&gt; barrier<\/title>/,
    );
    expect(charts.radar.slice(0, charts.radar.indexOf('>'))).not.toMatch(/height=/);
    for (const label of ['Flexibility', 'Continuous', 'improvement']) expect(charts.radar).toContain(`>${label}</text>`);
  });

  it('turns style declarations into presentation attributes, dropping others', () => {
    const svg = pageReadySvg('<svg width="10" height="5" viewBox="0 0 10 5"><text style="font-size:12px;font-family:sans-serif;cursor:pointer;" class="zr0-cls-1">A</text><style>.x{}</style></svg>', 'A');
    expect(svg).toBe('<svg width="100%" role="img" aria-label="A" focusable="false" viewBox="0 0 10 5"><title>A</title><text font-size="12px" font-family="sans-serif">A</text></svg>');
  });
});
