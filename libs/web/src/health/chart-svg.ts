import type * as ECharts from 'echarts';
import type { EChartsOption } from 'echarts';
import { RenderedParts } from '../rendered-parts';

export interface ChartSpec {
  option: EChartsOption;
  /** The drawing's size in SVG units; the page scales it to the width it has. */
  width: number;
  height: number;
  /** What the chart shows, in words: its accessible name (the figures are in a table beside it). */
  label: string;
}

/** Presentation attributes SVG has for the CSS properties ECharts writes into style="…". */
const PRESENTATION = new Set([
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-style', 'font-weight', 'text-anchor', 'dominant-baseline',
]);

/**
 * Charts drawn, kept by their spec: drawing one takes ECharts 5–15 ms, several times what the
 * page's whole document costs, and the same figures are drawn again until a scan changes them.
 * At most this many (about 10–20 kB each), least recently used first.
 */
const CHARTS_KEPT = 300;
const CHARTS = new RenderedParts(CHARTS_KEPT);

/**
 * A chart drawn by ECharts on the server as SVG, made fit for our pages: no <style> element or
 * style attribute (our CSP allows no inline styles: their declarations become presentation
 * attributes), none of ECharts' hover classes and metadata, an accessible name (role="img",
 * aria-label and <title>), and a width of 100 % with its viewBox, so it scales to 320 px.
 */
export function renderChart(spec: ChartSpec, drawn: RenderedParts = CHARTS): string {
  // The spec as JSON names everything the chart shows: options carry their figures as data
  // (a function in them, such as renderItem, draws and must capture no figure).
  return drawn.get(JSON.stringify(spec), () => draw(spec));
}

/**
 * ECharts, loaded at the first chart drawn: it takes ~0.2 s of CPU to load, which every
 * process starting the API (and every test file) paid though most never draw a chart.
 */
let loaded: typeof ECharts | undefined;
// A synchronous require: pages are rendered synchronously (import() would make every renderer async).
const echarts = (): typeof ECharts => (loaded ??= require('echarts') as typeof ECharts);

function draw(spec: ChartSpec): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption({ ...spec.option, animation: false });
    return pageReadySvg(chart.renderToSVGString(), spec.label);
  } finally {
    chart.dispose();
  }
}

export function pageReadySvg(svg: string, label: string): string {
  const name = escapeXml(label);
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ (?:class="zr\d+-cls-\d+"|ecmeta_[a-z_]+="[^"]*")/g, '')
    .replace(/ style="([^"]*)"/g, (_all, css: string) => presentationAttributes(css))
    .replace(
      /^<svg width="[\d.]+" height="[\d.]+"/,
      `<svg width="100%" role="img" aria-label="${name}" focusable="false"`,
    )
    .replace(/^(<svg[^>]*>)/, `$1<title>${name}</title>`);
}

/** "font-size:12px;font-family:sans-serif;" → ' font-size="12px" font-family="sans-serif"'. */
function presentationAttributes(css: string): string {
  return css
    .split(';')
    .map((declaration) => declaration.split(':').map((part) => part.trim()))
    .filter(([property, value]) => PRESENTATION.has(property) && value)
    .map(([property, value]) => ` ${property}="${escapeXml(value)}"`)
    .join('');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
