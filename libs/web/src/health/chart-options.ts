import type { EChartsOption } from 'echarts';
import { HEALTH_BARRIERS, HealthScores, barrierLabel } from './health-barriers';

/**
 * The health pages' charts as ECharts options: pure functions of the page's data, so the
 * figures drawn are the figures in the table beside each chart. Colours from GOV.UK's
 * palette, text in its black; nothing moves (the SVG is drawn once, on the server).
 */
const TEXT = '#0b0c0c';
const GRID = '#b1b4b6';
const BLUE = '#1d70b8';
/** One colour per barrier, in HEALTH_BARRIERS' order, told apart by shape as well (symbols). */
export const BARRIER_COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#912b88', '#505a5f'];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect'];

/** Text is drawn large: the SVG is scaled down to the page's width (about 0.6 at 320 px). */
const FONT = 18;
const BASE: EChartsOption = { animation: false, textStyle: { color: TEXT, fontFamily: 'arial, sans-serif', fontSize: FONT } };

/** (a) The seven barrier scores, 0 to 100, as a radar. */
export function radarOption(scores: HealthScores): EChartsOption {
  return {
    ...BASE,
    radar: {
      radius: '50%',
      splitNumber: 4,
      axisName: { color: TEXT, fontSize: FONT },
      splitLine: { lineStyle: { color: GRID } },
      axisLine: { lineStyle: { color: GRID } },
      splitArea: { show: false },
      // Long two-word names on two lines, so that they fit beside the radar.
      indicator: HEALTH_BARRIERS.map((b) => ({ name: b.label.length > 10 ? b.label.replace(' ', '\n') : b.label, min: 0, max: 100 })),
    },
    series: [
      {
        type: 'radar',
        symbolSize: 6,
        lineStyle: { color: BLUE, width: 2 },
        itemStyle: { color: BLUE },
        areaStyle: { color: BLUE, opacity: 0.2 },
        data: [{ name: 'Score', value: HEALTH_BARRIERS.map((b) => scores[b.field]) }],
      },
    ],
  };
}

/** (b) Each barrier's score over time, one line per barrier, oldest point first. */
export function trendOption(points: HealthScores[]): EChartsOption {
  return {
    ...BASE,
    // One legend entry a line: ECharts measures text narrower than browsers draw it, so entries side by side overlap.
    legend: { bottom: 0, left: 8, orient: 'vertical', textStyle: { color: TEXT, fontSize: FONT }, itemGap: 8 },
    grid: { left: 56, right: 40, top: 16, bottom: 250 },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: points.map((p) => shortDay(p.takenAt)),
      axisLabel: { color: TEXT, fontSize: FONT },
      axisLine: { lineStyle: { color: TEXT } },
    },
    yAxis: { type: 'value', min: 0, max: 100, interval: 25, axisLabel: { color: TEXT, fontSize: FONT }, splitLine: { lineStyle: { color: GRID } } },
    series: HEALTH_BARRIERS.map((b, i) => ({
      type: 'line' as const,
      name: b.label,
      data: points.map((p) => p[b.field]),
      symbol: SYMBOLS[i],
      symbolSize: 7,
      lineStyle: { color: BARRIER_COLOURS[i], width: 2 },
      itemStyle: { color: BARRIER_COLOURS[i] },
    })),
  };
}

/** A statement's figures as the survey chart draws them (shares 0 to 1, as the API gives them). */
export interface SurveyBar {
  position: number;
  barrier: string | null;
  share: number | null;
  interval: { low: number; high: number } | null;
  baselineShare: number | null;
}

/**
 * (c) Each statement's share reporting the weakness as a horizontal bar with its 95 %
 * interval as an error bar, and the 2007 share as a mark on the same line.
 */
export function surveyOption(bars: SurveyBar[]): EChartsOption {
  const percent = (share: number | null) => (share === null ? '-' : Math.round(share * 1000) / 10);
  return {
    ...BASE,
    legend: { bottom: 0, left: 8, orient: 'vertical', textStyle: { color: TEXT, fontSize: FONT }, itemGap: 8 },
    // Room beyond the measured labels (see trendOption's legend).
    grid: { left: 40, right: 40, top: 8, bottom: 110, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 50,
      minorTick: { show: true, splitNumber: 2 },
      minorSplitLine: { show: true, lineStyle: { color: GRID } },
      axisLabel: { color: TEXT, fontSize: FONT, formatter: '{value} %' },
      splitLine: { lineStyle: { color: GRID } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => `${b.position}. ${barrierLabel(b.barrier)}`),
      axisLabel: { color: TEXT, fontSize: FONT },
      axisLine: { lineStyle: { color: TEXT } },
    },
    series: [
      { type: 'bar', name: 'This round', data: bars.map((b) => percent(b.share)), barWidth: '45%', itemStyle: { color: BLUE } },
      {
        type: 'custom',
        name: '95 % interval',
        itemStyle: { color: TEXT },
        encode: { x: [0, 1], y: 2 },
        data: bars.flatMap((b, i) => (b.interval ? [[percent(b.interval.low), percent(b.interval.high), i]] : [])),
        renderItem: (_params, api) => errorBar(api),
      },
      {
        type: 'scatter',
        name: '2007',
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: '#f47738', borderColor: TEXT, borderWidth: 1 },
        data: bars.flatMap((b, i) => (b.baselineShare === null ? [] : [[percent(b.baselineShare), i]])),
      },
    ],
  };
}

/** What errorBar uses of ECharts' custom-series API. */
export interface ErrorBarApi {
  value(dimension: number): number | string;
  coord(point: [number, number]): number[];
  size?(dataSize: [number, number]): number[] | number;
}

/** An interval from low to high across its category, with end caps. */
export function errorBar(api: ErrorBarApi) {
  const category = Number(api.value(2));
  const [x1, y] = api.coord([Number(api.value(0)), category]);
  const [x2] = api.coord([Number(api.value(1)), category]);
  const band = api.size?.([0, 1]);
  const cap = (Array.isArray(band) ? band[1] : 20) * 0.2;
  const style = { stroke: TEXT, lineWidth: 2 };
  const line = (a: number, b: number, c: number, d: number) => ({ type: 'line' as const, shape: { x1: a, y1: b, x2: c, y2: d }, style });
  return { type: 'group' as const, children: [line(x1, y, x2, y), line(x1, y - cap, x1, y + cap), line(x2, y - cap, x2, y + cap)] };
}

/** '2026-03-14T…' as "14 Mar". */
/** Made once: toLocaleDateString with options builds a formatter per call, which cost more than the rest of the page's view. */
const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function shortDay(iso: string): string {
  return SHORT_DAY.format(new Date(iso));
}
