/**
 * Chart specs → ECharts option objects. Pure functions of plain data, shared
 * by the server-side renderer (`render.ts`) and the web app (which passes the
 * same option to `echarts.setOption`).
 *
 * Kinds: `line` and `bar` (series over years), `area` (stacked area of the
 * parts of a whole over years), `treemap` (the structure of one year) and
 * `sankey` (flows through a reporter: imports by product → reporter → exports
 * by product, or partners).
 */
import { type Lang, t } from './labels.ts';

export const CHART_KINDS = ['line', 'bar', 'area', 'treemap', 'sankey'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** One named series over categories (years). Values in US dollars; null where missing. */
export interface SeriesData {
  name: string;
  values: (number | null)[];
}

export interface SeriesChartSpec {
  kind: 'line' | 'bar' | 'area';
  lang: Lang;
  title: string;
  subtitle?: string;
  /** x axis categories (years as strings) */
  categories: string[];
  series: SeriesData[];
}

export interface TreemapChartSpec {
  kind: 'treemap';
  lang: Lang;
  title: string;
  subtitle?: string;
  items: { name: string; value: number }[];
}

export interface SankeyChartSpec {
  kind: 'sankey';
  lang: Lang;
  title: string;
  subtitle?: string;
  nodes: { name: string }[];
  links: { source: string; target: string; value: number }[];
}

export type ChartSpec = SeriesChartSpec | TreemapChartSpec | SankeyChartSpec;

/** Fonts that cover Latin, Cyrillic and CJK (the PNG renderer loads Noto Sans CJK where installed). */
export const FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans', 'DejaVu Sans', sans-serif";

/** A divisor and unit key so that the largest value reads naturally (US$ billion, million, thousand). */
export function valueScale(max: number): { divisor: number; unitKey: string } {
  if (max >= 1e9) return { divisor: 1e9, unitKey: 'unit.usd_billion' };
  if (max >= 1e6) return { divisor: 1e6, unitKey: 'unit.usd_million' };
  if (max >= 1e3) return { divisor: 1e3, unitKey: 'unit.usd_thousand' };
  return { divisor: 1, unitKey: 'unit.usd' };
}

const round = (x: number) => Number(x.toPrecision(6));

function base(spec: ChartSpec) {
  return {
    animation: false,
    textStyle: { fontFamily: FONT_FAMILY },
    title: {
      text: spec.title,
      subtext: spec.subtitle,
      left: 'center',
      textStyle: { fontFamily: FONT_FAMILY, fontSize: 16 },
      subtextStyle: { fontFamily: FONT_FAMILY },
    },
  };
}

/** The ECharts option for a chart spec. */
export function chartOption(spec: ChartSpec): Record<string, unknown> {
  if (spec.kind === 'treemap') {
    const max = Math.max(0, ...spec.items.map((i) => i.value));
    const { divisor, unitKey } = valueScale(max);
    const unit = t(spec.lang, unitKey);
    return {
      ...base(spec),
      tooltip: { formatter: `{b}: {c} ${unit}` },
      series: [
        {
          type: 'treemap',
          name: unit,
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          top: 70,
          label: { show: true, formatter: '{b}\n{c}', fontFamily: FONT_FAMILY },
          data: spec.items.map((i) => ({ name: i.name, value: round(i.value / divisor) })),
        },
      ],
    };
  }
  if (spec.kind === 'sankey') {
    const max = Math.max(0, ...spec.links.map((l) => l.value));
    const { divisor, unitKey } = valueScale(max);
    return {
      ...base(spec),
      tooltip: { trigger: 'item', formatter: `{b}: {c} ${t(spec.lang, unitKey)}` },
      series: [
        {
          type: 'sankey',
          name: t(spec.lang, unitKey),
          top: 70,
          bottom: 20,
          left: 20,
          right: 230,
          nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' },
          label: { fontFamily: FONT_FAMILY },
          data: spec.nodes,
          links: spec.links.map((l) => ({ ...l, value: round(l.value / divisor) })),
        },
      ],
    };
  }
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const { divisor, unitKey } = valueScale(max);
  const type = spec.kind === 'bar' ? 'bar' : 'line';
  return {
    ...base(spec),
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: spec.series.map((s) => s.name), textStyle: { fontFamily: FONT_FAMILY } },
    grid: { top: 80, left: 70, right: 30, bottom: 70 },
    xAxis: {
      type: 'category',
      name: t(spec.lang, 'chart.year'),
      data: spec.categories,
      boundaryGap: type === 'bar',
    },
    yAxis: { type: 'value', name: t(spec.lang, unitKey), nameTextStyle: { fontFamily: FONT_FAMILY } },
    series: spec.series.map((s) => ({
      type,
      name: s.name,
      data: s.values.map((v) => (v === null ? null : round(v / divisor))),
      ...(spec.kind === 'area' ? { stack: 'total', areaStyle: {}, symbol: 'none' } : {}),
      ...(type === 'line' && spec.kind !== 'area' ? { connectNulls: false } : {}),
    })),
  };
}
