import { radarOption, surveyOption, trendOption } from './chart-options';
import { renderChart } from './chart-svg';
import { HealthScores, barrierLabel } from './health-barriers';
import { LatestResults, monthEnds, scoreRows } from './health-view';

/*
 * The sections a locality's health page and its board pack share: the scores with their
 * radar, the trend, and the latest health check beside 2007, with their SVG charts.
 */

/** The scores with their radar, and the trend of month ends with its lines. */
export function healthView(name: string, health: HealthScores | null, trend: HealthScores[]) {
  const points = monthEnds(trend);
  return {
    health,
    scores: health ? scoreRows(health) : [],
    radar: health ? renderChart({ option: radarOption(health), width: 560, height: 440, label: `Scores of ${name} by barrier, 0 to 100` }) : null,
    trend: points.map((p) => ({ ...p, scores: scoreRows(p) })),
    trendChart: points.length
      ? renderChart({ option: trendOption(points), width: 560, height: 440, label: `Scores of ${name} by barrier at each month's last scan, 0 to 100` })
      : null,
  };
}

/** The latest health check: its figures with their bars, or why they are withheld. */
export function surveyView(results: LatestResults | null) {
  if (!results) return null;
  const shown = !results.suppressed && results.barriers.length > 0;
  return {
    ...results,
    barriers: results.barriers.map((b) => ({ ...b, label: barrierLabel(b.barrier) })),
    perceptionGap: results.perceptionGap.map((g) => ({ ...g, label: barrierLabel(g.barrier) })),
    chart: shown
      ? renderChart({
          option: surveyOption(results.barriers),
          width: 520,
          height: 150 + 48 * results.barriers.length,
          label: `Share reporting each weakness in ${results.round.title}, with 95 % intervals, beside 2007`,
        })
      : null,
  };
}
