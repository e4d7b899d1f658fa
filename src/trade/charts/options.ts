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
  /**
   * With `fillMirror`: per value, true where partners' mirror reports stand in
   * for the reporter's own (drawn hollow and dashed); absent otherwise.
   */
  mirror?: boolean[];
}

/** With `fillMirror`: how many of the chart's values are partners' mirror reports, and the factor applied. */
export interface MirrorNote {
  /** values (points, bars, tiles, links) that are mirror data, wholly or in part */
  values: number;
  /** values drawn */
  of: number;
  /** the CIF/FOB factor applied to the mirror values */
  factor: number;
  /** where the factor comes from */
  factorSource: string;
}

export interface SeriesChartSpec {
  kind: 'line' | 'bar' | 'area';
  lang: Lang;
  title: string;
  subtitle?: string;
  /** x axis categories (years as strings) */
  categories: string[];
  series: SeriesData[];
  mirror?: MirrorNote;
}

export interface TreemapChartSpec {
  kind: 'treemap';
  lang: Lang;
  title: string;
  subtitle?: string;
  /** `mirror`: with `fillMirror`, the item holds partners' mirror reports */
  items: { name: string; value: number; mirror?: boolean }[];
  mirror?: MirrorNote;
}

export interface SankeyChartSpec {
  kind: 'sankey';
  lang: Lang;
  title: string;
  subtitle?: string;
  nodes: { name: string }[];
  /** `mirror`: with `fillMirror`, the link holds partners' mirror reports */
  links: { source: string; target: string; value: number; mirror?: boolean }[];
  mirror?: MirrorNote;
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
          data: spec.items.map((i) => ({
            name: i.name,
            value: round(i.value / divisor),
            ...(i.mirror ? { itemStyle: MIRROR_TILE } : {}),
          })),
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
          links: spec.links.map(({ mirror, ...l }) => ({
            ...l,
            value: round(l.value / divisor),
            ...(mirror ? { lineStyle: MIRROR_LINK } : {}),
          })),
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
    // a subtitle of two lines or more (a mirror note) moves the plot down
    grid: {
      top: 80 + 14 * Math.max(0, (spec.subtitle ?? '').split('\n').length - 1),
      left: 70,
      right: 30,
      bottom: 70,
    },
    xAxis: {
      type: 'category',
      name: t(spec.lang, 'chart.year'),
      data: spec.categories,
      boundaryGap: type === 'bar',
    },
    yAxis: { type: 'value', name: t(spec.lang, unitKey), nameTextStyle: { fontFamily: FONT_FAMILY } },
    series: spec.series.some((s) => s.mirror)
      ? spec.series.flatMap((s, i) => mirroredSeries(spec, s, i, divisor))
      : spec.series.map((s) => ({
          type,
          name: s.name,
          data: s.values.map((v) => (v === null ? null : round(v / divisor))),
          ...(spec.kind === 'area' ? { stack: 'total', areaStyle: {}, symbol: 'none' } : {}),
          ...(type === 'line' && spec.kind !== 'area' ? { connectNulls: false } : {}),
        })),
  };
}

/** ECharts' default palette (v5): a series and its mirror overlay are given the same colour explicitly. */
const PALETTE = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
];
/** A tile (treemap) that holds mirror data: a dashed outline. */
const MIRROR_TILE = { borderColor: '#333333', borderWidth: 2, borderType: 'dashed' };
/** A link (Sankey) that holds mirror data: grey. */
const MIRROR_LINK = { color: '#999999', opacity: 0.45 };
/** The marker of a mirror point on a line or an area. */
const HOLLOW = { symbol: 'emptyCircle', symbolSize: 9 };

/**
 * A series whose values are partly partners' mirror reports (`SeriesData.mirror`):
 * - line: the reporter's own values as a solid line, the mirror values on a
 *   dashed overlay of the same colour (named "… · mirror", not in the legend)
 *   with hollow markers, so every segment that touches a mirror value is dashed;
 * - bar: a mirror bar is hollow (white) with a dashed outline;
 * - area (stacked): a mirror value has a hollow marker.
 */
function mirroredSeries(
  spec: SeriesChartSpec,
  s: SeriesData,
  index: number,
  divisor: number,
): Record<string, unknown>[] {
  const color = PALETTE[index % PALETTE.length];
  const mirror = (i: number) => s.mirror?.[i] === true;
  const value = (v: number | null) => (v === null ? null : round(v / divisor));
  if (spec.kind === 'bar') {
    const hollow = { color: '#ffffff', borderColor: color, borderWidth: 2, borderType: 'dashed' };
    const data = s.values.map((v, i) =>
      mirror(i) && v !== null ? { value: value(v), itemStyle: hollow } : value(v),
    );
    return [{ type: 'bar', name: s.name, itemStyle: { color }, data }];
  }
  if (spec.kind === 'area') {
    const data = s.values.map((v, i) =>
      mirror(i) && v !== null ? { value: value(v), ...HOLLOW } : value(v),
    );
    return [
      {
        type: 'line',
        name: s.name,
        stack: 'total',
        areaStyle: {},
        symbol: 'none',
        itemStyle: { color },
        data,
      },
    ];
  }
  const near = (i: number) => mirror(i) || mirror(i - 1) || mirror(i + 1);
  const own = s.values.map((v, i) => (mirror(i) ? null : value(v)));
  const overlay = s.values.map((v, i) =>
    v === null || !near(i)
      ? null
      : mirror(i)
        ? { value: value(v), ...HOLLOW }
        : { value: value(v), symbol: 'none' },
  );
  const style = { itemStyle: { color }, lineStyle: { color }, connectNulls: false };
  const base = { type: 'line', name: s.name, data: own, ...style };
  if (!s.mirror?.some(Boolean)) return [base];
  const tag = t(spec.lang, 'chart.mirrorTag');
  return [
    base,
    {
      type: 'line',
      name: `${s.name} · ${tag}`,
      data: overlay,
      ...style,
      lineStyle: { color, type: 'dashed' },
    },
  ];
}
