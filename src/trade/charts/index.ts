/**
 * Charts of trade series and structures: `chartSpec` (data from the store) →
 * `chartOption` (the ECharts option, shared with the web app) → `renderSvg` /
 * `renderPng` (no browser). `renderChart` does all three for the CLI.
 */
import type { Store } from '../store.ts';
import { type ChartParams, chartSpec } from './data.ts';
import type { Lang } from './labels.ts';
import { type ChartKind, chartOption } from './options.ts';
import { type RenderSize, renderPng, renderSvg } from './render.ts';

export { ChartError, type ChartParams, chartSpec } from './data.ts';
export { chartResources, isLang, LANGS, type Lang, t } from './labels.ts';
export { CHART_KINDS, type ChartKind, type ChartSpec, chartOption } from './options.ts';
export { findFonts, renderPng, renderSvg } from './render.ts';

export interface RenderedChart {
  format: 'svg' | 'png';
  data: string | Buffer;
  option: Record<string, unknown>;
  warnings: string[];
}

/** Queries, builds and renders a chart. */
export async function renderChart(
  store: Store,
  kind: ChartKind,
  params: ChartParams & { lang?: Lang },
  format: 'svg' | 'png',
  size: RenderSize & { scale?: number } = {},
): Promise<RenderedChart> {
  const spec = await chartSpec(store, kind, params);
  const option = chartOption(spec);
  const svg = renderSvg(option, size);
  if (format === 'svg') return { format, data: svg, option, warnings: [] };
  const { png, warnings } = renderPng(svg, { scale: size.scale });
  return { format, data: png, option, warnings };
}
