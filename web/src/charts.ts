/**
 * ECharts in the page: loaded on first use (its own chunk), drawn on canvas,
 * tooltips as rich text (no HTML strings, so the strict Content-Security-
 * Policy holds), resized with their container, disposed with their view.
 */
import type { EChartsOption, EChartsType } from 'echarts';

const live = new Set<EChartsType>();
let observer: ResizeObserver | null = null;

export async function mountChart(el: HTMLElement, option: EChartsOption): Promise<EChartsType> {
  const echarts = await import('echarts');
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption(withSafeTooltip(option));
  live.add(chart);
  observer ??= new ResizeObserver(() => {
    for (const c of live) c.resize();
  });
  observer.observe(el);
  return chart;
}

function withSafeTooltip(option: EChartsOption): EChartsOption {
  const tip = option.tooltip;
  if (!tip) return option;
  const force = (t: object) => ({ ...t, renderMode: 'richText' as const });
  return { ...option, tooltip: Array.isArray(tip) ? tip.map(force) : force(tip) };
}

/** Disposes every chart (called when a view is left or redrawn). */
export function disposeCharts(): void {
  for (const c of live) {
    observer?.unobserve(c.getDom());
    c.dispose();
  }
  live.clear();
}
